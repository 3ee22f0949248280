// The advisor's screens in Chromium over books synced from the emulator through the real engine:
// what an advisor sees and does (approve a tray item, delay a bill, log a call) reaches the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { currentDecisions } from '../../src/main/db/repositories/decisions.ts';
import { latestCalls } from '../../src/main/db/repositories/collection-calls.ts';
import { lastDigest } from '../../src/main/db/repositories/digests.ts';
import { startHarness, type Harness } from '../sync/support/harness.ts';
import { launchChromium, openApp, whyUiTestsCannotRun } from './harness.ts';
import { routeThrough, startRequestGate } from '../support/request-gate.ts';

const skipReason = whyUiTestsCannotRun();
if (skipReason) console.warn(`[ui] UI tests skipped: ${skipReason}`);

describe.skipIf(Boolean(skipReason))('the advisor’s screens', () => {
  let browser: Browser;
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ companies: 2, seed: 3 });
    for (const r of await h.runtime().call('sync:run', {})) expect(r.error).toBeNull();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  const open = () => openApp(browser, h.runtime());

  it('lists every client with cash, runway and health, and filters by name', async () => {
    const { page } = await open();
    const rows = page.getByRole('table', { name: 'Clients' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    const text = await rows.allInnerTexts();
    for (const c of h.clients) expect(text.join('\n')).toContain(c.displayName);
    expect(text.join('\n')).toMatch(/\$[\d,]+/);
    expect(text.join('\n')).toMatch(/\d+ days?|91\+ days/);
    await page.getByLabel('Search clients').fill(h.clients[0]!.displayName.slice(0, 6));
    await expect.poll(() => rows.count()).toBe(1);
    await page.context().close();
  });

  it('opens a client’s tray and approves an item, which leaves the open list', async () => {
    const { page } = await open();
    await page.locator(`tr[data-client="${h.clients[0]!.businessId}"]`).click();
    const items = page.getByRole('table', { name: 'Hygiene tray' }).locator('tbody tr');
    await expect.poll(() => items.count()).toBeGreaterThan(0);
    const before = await items.count();
    const firstTitle = await items.first().locator('strong').innerText();
    await items.first().getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toContain('approved');
    await expect.poll(() => items.count()).toBe(before - 1);
    expect(await items.allInnerTexts()).not.toContain(firstTitle);
    await page.context().close();
  });

  it('shows a foreign record’s tray amount in its own currency, the others in the home currency', async () => {
    // The generator plants foreign-currency records in the third company of a book set.
    const books = await startHarness({ companies: 3, seed: 1 });
    try {
      const rt = books.runtime();
      for (const r of await rt.call('sync:run', {})) expect(r.error).toBeNull();
      let found: { businessId: string; currency: string } | undefined;
      for (const c of books.clients) {
        const tray = await rt.call('tray:list', { businessId: c.businessId });
        const foreign = tray.find((i) => i.code === 'FOREIGN_CURRENCY' && i.amountCents !== null);
        if (foreign) found = { businessId: c.businessId, currency: foreign.currency };
      }
      expect(found, 'the generated books plant a foreign-currency record').toBeDefined();
      expect(found!.currency).not.toBe('USD');
      const { page } = await openApp(browser, rt);
      await page.locator(`tr[data-client="${found!.businessId}"]`).click();
      const foreignRow = page.locator('tr[data-code="FOREIGN_CURRENCY"]').first();
      await expect.poll(() => foreignRow.isVisible()).toBe(true);
      expect(await foreignRow.locator('td.num').innerText()).toContain(found!.currency);
      const homeRow = page.locator('tr[data-code="BILL_OVERDUE_NO_DECISION"]').first();
      if (await homeRow.count())
        expect(await homeRow.locator('td.num').innerText()).toMatch(/^\$[\d,]+\.\d\d$/);
      await page
        .getByRole('table', { name: 'Hygiene tray' })
        .screenshot({ path: '.tmp/ui-tray.png' });
      await page.context().close();
    } finally {
      await books.close();
    }
  });

  it('marks a tray item whose record has a fix on its way to QuickBooks', async () => {
    const rt = h.runtime();
    const client = h.clients[0]!;
    const item = (await rt.call('tray:list', { businessId: client.businessId })).find(
      (i) =>
        (i.entity === 'Bill' || i.entity === 'Invoice' || i.entity === 'Purchase') &&
        i.qboIds.length > 0,
    );
    expect(item, 'a tray item about a bill, invoice or purchase').toBeDefined();
    await rt.call('fixes:record', {
      businessId: client.businessId,
      entity: item!.entity as 'Bill' | 'Invoice' | 'Purchase',
      qboId: item!.qboIds[0]!,
      itemId: item!.id,
      note: 'checked with the client',
    });
    const { page } = await openApp(browser, rt);
    await page.locator(`tr[data-client="${client.businessId}"]`).click();
    const marked = page.locator('[data-fix="pending"]').first();
    await expect.poll(() => marked.count()).toBe(1);
    expect(await marked.innerText()).toContain('set private note');
    await page.context().close();
    // Sent now, so the tests after this one start with an empty outbox.
    expect((await rt.call('sync:run', { businessId: client.businessId }))[0]).toMatchObject({
      fixesApplied: 1,
    });
  });

  it('records a delay from the decision console and keeps it', async () => {
    const { page } = await open();
    const client = h.clients[0]!;
    await page.locator(`tr[data-client="${client.businessId}"]`).click();
    await page.getByRole('tab', { name: 'Decision console' }).click();
    await expect.poll(() => page.getByLabel('Runway', { exact: true }).isVisible()).toBe(true);
    const bill = page.locator('tr[data-bill]').first();
    const billId = await bill.getAttribute('data-bill');
    const delayInput = bill.locator('input[type=date]');
    await delayInput.fill('2027-01-15');
    await bill.getByRole('button', { name: 'Delay' }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toContain('Decision recorded');
    await expect
      .poll(() => page.locator(`tr[data-bill="${billId}"]`).innerText())
      .toContain('Decided: Delay to 01/15/2027');
    expect(currentDecisions(h.db, { advisorId: 'local', businessId: client.businessId })).toEqual([
      expect.objectContaining({ billQboId: billId, action: 'delay', plannedDate: '2027-01-15' }),
    ]);
    await page.context().close();
    // The advisor's date format (Settings) is how every screen writes the day, from the next screen on.
    const rt = h.runtime();
    await rt.call('settings:set', { dateFormat: 'DD/MM/YYYY' });
    try {
      const again = (await openApp(browser, rt)).page;
      await again.locator(`tr[data-client="${client.businessId}"]`).click();
      await again.getByRole('tab', { name: 'Decision console' }).click();
      await expect
        .poll(() => again.locator(`tr[data-bill="${billId}"]`).innerText())
        .toContain('Decided: Delay to 15/01/2027');
      await again.context().close();
    } finally {
      await rt.call('settings:set', { dateFormat: null });
    }
  });

  it('syncs now from the window, showing progress events, and the client’s sync age becomes fresh', async () => {
    // The runtime's progress events reach the page as the app forwards them to its window.
    const { page } = await openApp(browser, h.runtime());
    await expect
      .poll(() => page.getByRole('table', { name: 'Clients' }).locator('tbody tr').count())
      .toBe(2);
    // The sync may fetch one page, then waits at a gate until the progress has been seen: however fast
    // or slow the machine, the progress line is on screen while the sync runs.
    const client = h.clients[1]!;
    const gate = await startRequestGate(h.emulator.apiBaseUrl);
    try {
      for (const c of h.clients) routeThrough(h.db, c.businessId, gate.url);
      gate.allow(1);
      await page.getByRole('button', { name: 'Sync now' }).click();
      const panel = page.getByRole('region', { name: 'Sync progress' });
      await expect.poll(() => panel.innerText()).toMatch(/Syncing clients: [01] of 2 done/);
      await expect.poll(() => panel.innerText()).toMatch(/\w+ · \d+ pages?, [\d,]+ records/);
      gate.allow(Infinity);
      await expect
        .poll(() => page.locator('.notice').first().innerText())
        .toMatch(/Sync finished: [\d,]+ records in/);
    } finally {
      for (const c of h.clients) routeThrough(h.db, c.businessId, h.emulator.apiBaseUrl);
      await gate.close();
    }
    expect(await page.getByRole('region', { name: 'Sync progress' }).count()).toBe(0);
    expect(await page.locator(`tr[data-client="${client.businessId}"]`).innerText()).toMatch(
      /\d\d:\d\d today/,
    );
    await page.context().close();
  });

  it('shows a client’s weekly digest and saves it for next week’s comparison', async () => {
    const { page } = await open();
    const client = h.clients[1]!;
    await page.locator(`tr[data-client="${client.businessId}"]`).click();
    await page.getByRole('tab', { name: 'Weekly digest' }).click();
    const frame = page.frameLocator(`iframe[title="Digest for ${client.displayName}"]`);
    await expect.poll(() => frame.locator('body').innerText()).toContain(client.displayName);
    expect(await frame.locator('svg').count()).toBeGreaterThan(0); // the 13-week cash chart
    expect(lastDigest(h.db, { advisorId: 'local', businessId: client.businessId })).toBeUndefined();
    await page.getByRole('button', { name: 'Save this week’s digest' }).click();
    await expect.poll(() => page.locator('.notice').first().innerText()).toContain('Digest saved');
    expect(lastDigest(h.db, { advisorId: 'local', businessId: client.businessId })).toMatchObject({
      cashCents: expect.any(Number),
    });
    await page.screenshot({ path: '.tmp/ui-digest.png' });
    await page.context().close();
  });

  it('logs a collection call from the cross-client collections screen', async () => {
    const { page } = await open();
    await page.getByRole('button', { name: 'Collections' }).click();
    const entry = page.locator('tr[data-invoice]').first();
    await expect.poll(() => entry.count()).toBe(1);
    const key = (await entry.getAttribute('data-invoice'))!;
    await entry.getByRole('button', { name: /^Log a call/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Call outcome').selectOption('promised');
    await dialog.getByLabel('Promised date (required)').fill('2026-12-20');
    await dialog.getByRole('button', { name: 'Save call' }).click();
    await expect.poll(() => page.getByRole('status').first().innerText()).toContain('Call logged');
    const [businessId, invoiceQboId] = key.split(':');
    expect(latestCalls(h.db, 'local')).toContainEqual(
      expect.objectContaining({
        businessId,
        invoiceQboId,
        outcome: 'promised',
        promisedDate: '2026-12-20',
      }),
    );
    await page.context().close();
  });
});
