// The collections screen and the digest export in Chromium, in the browser version over books synced from
// the emulator through the real engine. A customer gets a contact person, a phone and a mobile in QBO
// (the emulator's admin API, as someone would in QuickBooks) and a customer named like a spreadsheet
// formula gets an overdue invoice; the screen shows the contact as links, logs a call whose promised
// date lands in the Promised column, filters, sorts and exports exactly what it shows as CSV. The digest
// tab exports files with progress, offers them as downloads in the browser version, opens the folder
// where the host can (the desktop app's capabilities given to the runtime), and says in one line when it
// stops part way. Screenshots land in .tmp/look/.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import type { CollectionEntry, CollectionsView } from '../../src/core/collections.ts';
import { addDays, localDay } from '../../src/core/dates.ts';
import { latestCalls } from '../../src/main/db/repositories/collection-calls.ts';
import { startHarness, type Harness } from '../sync/support/harness.ts';
import { launchChromium, openApp, whyUiTestsCannotRun } from './harness.ts';

const skipReason = whyUiTestsCannotRun();
if (skipReason) console.warn(`[ui] UI tests skipped: ${skipReason}`);

const lookDir = '.tmp/look';
const formulaName = '=HYPERLINK("http://evil.example","Pay here")';
/** A whole date as the window writes it in the default date format (MM/DD/YYYY). */
const longDate = (day: string) => `${day.slice(5, 7)}/${day.slice(8, 10)}/${day.slice(0, 4)}`;

/** RFC 4180 records (quoted fields, doubled quotes) of a file that starts with a byte order mark. */
function parseCsv(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 1; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') quoted = false;
    else if (quoted) field += c;
    else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  return records;
}

describe.skipIf(Boolean(skipReason))('the collections screen and the digest export', () => {
  let browser: Browser;
  let h: Harness;
  let today: string;
  /** The invoice whose customer gets a contact person, phone and mobile in QBO: its client's largest. */
  let called: CollectionEntry;
  /** The client whose customer is named like a formula, and that invoice. */
  let formulaClient: string;

  const list = (businessId?: string): Promise<CollectionsView> =>
    h.runtime().call('collections:list', businessId ? { businessId } : {});

  beforeAll(async () => {
    h = await startHarness({ companies: 2, seed: 3 });
    for (const r of await h.runtime().call('sync:run', {})) expect(r.error).toBeNull();
    today = localDay(new Date());
    const [a, b] = h.clients as [Harness['clients'][0], Harness['clients'][0]];
    // In QBO: a contact person, a phone and a mobile for the customer of client A's largest overdue invoice.
    const first = (await list(a.businessId)).entries.sort(
      (x, y) => y.balanceCents - x.balanceCents,
    )[0];
    expect(first, 'the demo books have overdue invoices').toBeDefined();
    await h.admin('POST', `/companies/${a.realmId}/Customer/${first!.customerId}`, {
      GivenName: 'Dana',
      FamilyName: 'Whitfield',
      PrimaryPhone: { FreeFormNumber: '(415) 555-0134' },
      Mobile: { FreeFormNumber: '415-555-0199' },
    });
    // In QBO: a customer whose name is a spreadsheet formula, with the largest overdue invoice of client B.
    const template = (await list(b.businessId)).entries[0]!;
    const invoice = await h.admin<{ Line: Record<string, unknown>[] }>(
      'GET',
      `/companies/${b.realmId}/Invoice/${template.invoiceQboId}`,
    );
    const customer = await h.admin<{ Id: string }>('POST', `/companies/${b.realmId}/Customer`, {
      DisplayName: formulaName,
      PrimaryEmailAddr: { Address: 'ap@formula.example' },
      PrimaryPhone: { FreeFormNumber: '+1 415 555 0100' },
    });
    const line = invoice.Line.find((l) => l.DetailType === 'SalesItemLineDetail')!;
    const detail = line.SalesItemLineDetail as Record<string, unknown>;
    await h.admin('POST', `/companies/${b.realmId}/Invoice`, {
      CustomerRef: { value: customer.Id },
      TxnDate: addDays(today, -75),
      DueDate: addDays(today, -45),
      Line: [
        {
          DetailType: 'SalesItemLineDetail',
          Amount: 987_654.32,
          SalesItemLineDetail: { ...detail, Qty: 1, UnitPrice: 987_654.32 },
        },
      ],
    });
    for (const r of await h.runtime().call('sync:run', {})) expect(r.error).toBeNull();
    called = (await list(a.businessId)).entries.find(
      (e) => e.invoiceQboId === first!.invoiceQboId,
    )!;
    formulaClient = b.businessId;
    browser = await launchChromium();
    mkdirSync(lookDir, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  async function openCollections(over: Parameters<Harness['runtime']>[0] = {}) {
    const app = await openApp(browser, h.runtime(over));
    const problems: string[] = [];
    app.page.on('pageerror', (e) => problems.push(e.message));
    app.page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    await app.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: 'Collections' })
      .click();
    await expect.poll(() => app.page.locator('tr[data-invoice]').count()).toBeGreaterThan(0);
    return { ...app, problems };
  }
  const rowOf = (page: Page, e: { businessId: string; invoiceQboId: string }) =>
    page.locator(`tr[data-invoice="${e.businessId}:${e.invoiceQboId}"]`);
  const onlyClient = (page: Page, businessId: string) =>
    page.getByLabel('Client', { exact: true }).selectOption(businessId);
  /** Clicks a column's sort button and waits until the header says the new order. */
  const sortBy = async (
    page: Page,
    name: 'Amount' | 'Overdue',
    expected: 'descending' | 'ascending' = 'descending',
  ) => {
    const header = page.getByRole('columnheader', { name });
    await header.getByRole('button').click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe(expected);
  };
  const shownIds = (page: Page) =>
    page
      .locator('tr[data-invoice]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-invoice')!));

  it('shows the customer’s contact from QuickBooks: the person, e-mail and phone as links', async () => {
    const { page, problems } = await openCollections();
    await onlyClient(page, called.businessId);
    await sortBy(page, 'Amount');
    const row = rowOf(page, called);
    await expect.poll(() => row.count()).toBe(1);
    const contact = row.locator('.contact');
    expect(await contact.locator('.contact-name').innerText()).toBe('Dana Whitfield');
    const email = contact.locator('a[data-contact="email"]');
    expect(await email.innerText()).toBe(called.contact.email);
    expect(called.contact.email).toMatch(/@/);
    expect(await email.getAttribute('href')).toBe(
      `mailto:${called.contact.email}?subject=${encodeURIComponent(`Invoice ${called.docNumber ?? called.invoiceQboId}`)}`,
    );
    const phone = contact.locator('a[data-contact="phone"]');
    expect(await phone.innerText()).toBe('(415) 555-0134');
    expect(await phone.getAttribute('href')).toBe('tel:4155550134');
    expect(await contact.locator('a[data-contact="mobile"]').getAttribute('href')).toBe(
      'tel:4155550199',
    );
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('logs a call: a promise needs its date, and the promised date shows in the Promised column', async () => {
    const { page } = await openCollections();
    await onlyClient(page, called.businessId);
    await sortBy(page, 'Amount');
    const row = rowOf(page, called);
    await row.getByRole('button', { name: /^Log a call to / }).click();
    const dialog = page.getByRole('dialog', { name: /^Log a call to / });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByLabel('Call outcome').selectOption('promised');
    await dialog.getByLabel('Follow up on').fill(addDays(today, -3));
    await dialog.getByRole('button', { name: 'Save call' }).click();
    // Said next to each field, and nothing logged.
    expect(await dialog.locator('.field-problem').allInnerTexts()).toEqual([
      'Give the date the customer promised to pay.',
      'The follow-up date is in the past: choose today or later.',
    ]);
    expect(await dialog.getByLabel('Promised date (required)').getAttribute('aria-invalid')).toBe(
      'true',
    );
    await page.screenshot({ path: `${lookDir}/collections-log-call-1280.png` });
    expect(latestCalls(h.db, 'local')).toEqual([]);
    const promised = addDays(today, 18);
    await dialog.getByLabel('Promised date (required)').fill(promised);
    await dialog.getByLabel('Follow up on').fill(addDays(today, 19));
    await dialog.getByLabel('Note').fill('Check in the post, she says');
    await dialog.getByRole('button', { name: 'Save call' }).click();
    await expect.poll(() => page.getByRole('status').first().innerText()).toContain('Call logged');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => row.locator('td.col-promised').innerText()).toBe(longDate(promised));
    // The bug this replaces: the call's own date where the promise belongs.
    expect(await row.locator('td.col-promised').innerText()).not.toContain(longDate(today));
    expect(await row.locator('td.col-last').innerText()).toMatch(/^Promised to pay\ntoday\n/);
    expect(await row.locator('td.col-follow').innerText()).toBe(longDate(addDays(today, 19)));
    expect(await row.locator('td.col-note').innerText()).toBe('Check in the post, she says');
    expect(latestCalls(h.db, 'local')).toEqual([
      expect.objectContaining({
        businessId: called.businessId,
        invoiceQboId: called.invoiceQboId,
        outcome: 'promised',
        promisedDate: promised,
        followUpOn: addDays(today, 19),
      }),
    ]);
    await page.context().close();
  });

  it('filters by age and client, and sorts by amount and by days overdue', async () => {
    const { page } = await openCollections();
    const all = await list();
    const count = page.locator('.collections-toolbar [aria-live]');
    expect(await count.innerText()).toMatch(
      new RegExp(`^${all.entries.length} overdue invoices · books as of `),
    );
    // The bucket with the most invoices, by its card.
    const bucket = (['1-30', '31-60', '61-90', '90+'] as const).reduce((a, b) =>
      all.totals[a].count >= all.totals[b].count ? a : b,
    );
    const words = {
      '1-30': '1–30 days',
      '31-60': '31–60 days',
      '61-90': '61–90 days',
      '90+': 'Over 90 days',
    }[bucket];
    await page
      .getByRole('group', { name: 'Overdue by age' })
      .getByRole('button', { name: new RegExp(`^${words}`) })
      .click();
    const inBucket = all.entries.filter((e) => e.bucket === bucket);
    await expect
      .poll(() => count.innerText())
      .toContain(`${inBucket.length} of ${all.entries.length} overdue invoices`);
    for (const pill of await page.locator('tr[data-invoice] .bucket').allInnerTexts())
      expect(pill).toBe(words);
    // Sorted by amount, largest first, then smallest first; then by days overdue.
    await sortBy(page, 'Amount');
    const byAmount = [...inBucket].sort((a, b) => b.balanceCents - a.balanceCents);
    const key = (e: CollectionEntry) => `${e.businessId}:${e.invoiceQboId}`;
    const shown = await shownIds(page);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).toEqual(byAmount.slice(0, shown.length).map(key));
    await sortBy(page, 'Amount', 'ascending');
    const ascending = await shownIds(page);
    expect(ascending).toEqual(
      [...inBucket]
        .sort((a, b) => a.balanceCents - b.balanceCents)
        .slice(0, ascending.length)
        .map(key),
    );
    await sortBy(page, 'Overdue');
    const byDays = await shownIds(page);
    expect(byDays).toEqual(
      [...inBucket]
        .sort((a, b) => b.daysOverdue - a.daysOverdue)
        .slice(0, byDays.length)
        .map(key),
    );
    // One client only: every row is that client's.
    await page
      .getByRole('group', { name: 'Overdue by age' })
      .getByRole('button', { name: new RegExp(`^${words}`) })
      .click();
    await onlyClient(page, formulaClient);
    const theirs = all.entries.filter((e) => e.businessId === formulaClient);
    await expect
      .poll(() => count.innerText())
      .toContain(`${theirs.length} of ${all.entries.length}`);
    for (const id of await shownIds(page)) expect(id.startsWith(`${formulaClient}:`)).toBe(true);
    await page.context().close();
  });

  it('exports the rows on screen as CSV, a customer named like a formula neutralised', async () => {
    const { page } = await openCollections();
    await onlyClient(page, formulaClient);
    await sortBy(page, 'Amount');
    const theirs = (await list(formulaClient)).entries.sort(
      (a, b) => b.balanceCents - a.balanceCents,
    );
    expect(theirs[0]!.customerName).toBe(formulaName);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`collections-${today}.csv`);
    const records = parseCsv(readFileSync((await download.path())!, 'utf8'));
    expect(records[0]).toEqual([
      'Client',
      'Customer',
      'Contact',
      'E-mail',
      'Phone',
      'Mobile',
      'Invoice',
      'Due date',
      'Days overdue',
      'Overdue',
      'Amount',
      'Currency',
      'Last call',
      'Last call on',
      'Promised date',
      'Follow-up',
      'Note',
    ]);
    // Exactly the rows on screen, in the screen's order.
    expect(records.slice(1).map((r) => r[6])).toEqual(
      theirs.map((e) => e.docNumber ?? e.invoiceQboId),
    );
    const top = records[1]!;
    expect(top[1]).toBe(`'${formulaName}`);
    expect(top[3]).toBe('ap@formula.example');
    expect(top[4]).toBe("'+1 415 555 0100");
    expect(top[8]).toBe('45');
    expect(top[9]).toBe('31–60 days');
    expect(top[10]).toBe('987654.32');
    for (const r of records.slice(1)) {
      expect(r).toHaveLength(17);
      for (const cell of r) expect(cell).not.toMatch(/^[=+\-@]/);
    }
    await page.context().close();
  });

  it('is a tab in the client view, exporting that client’s rows under its name', async () => {
    const { page } = await openApp(browser, h.runtime());
    const client = h.clients.find((c) => c.businessId === called.businessId)!;
    await page.locator(`tr[data-client="${client.businessId}"]`).click();
    await page.getByRole('tab', { name: 'Collections' }).click();
    await expect.poll(() => page.locator('tr[data-invoice]').count()).toBeGreaterThan(0);
    for (const id of await shownIds(page))
      expect(id.startsWith(`${client.businessId}:`)).toBe(true);
    expect(await page.getByRole('columnheader', { name: 'Client' }).count()).toBe(0);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      new RegExp(`^collections-[\\w-]+-${today}\\.csv$`),
    );
    await page.screenshot({ path: `${lookDir}/collections-client-tab-1280.png` });
    await page.context().close();
  });

  it('passes the accessibility check and reads well at 1280×800 and 900×700', async () => {
    const { page } = await openCollections();
    for (const size of [
      { width: 1280, height: 800 },
      { width: 900, height: 700 },
    ]) {
      await page.setViewportSize(size);
      await expect.poll(() => page.locator('tr[data-invoice]').count()).toBeGreaterThan(0);
      const result = await new AxeBuilder({ page }).include('main').analyze();
      expect(
        result.violations.map(
          (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
        ),
        `${size.width}`,
      ).toEqual([]);
      await page.screenshot({ path: `${lookDir}/collections-${size.width}x${size.height}.png` });
      // Nothing is cut at the side: the table fits the window.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await page
      .locator('tr[data-invoice]')
      .first()
      .getByRole('button', { name: /^Log a call/ })
      .click();
    // A promise without its date: the dialog with its message is checked too.
    await page.getByRole('dialog').getByLabel('Call outcome').selectOption('promised');
    await page.getByRole('dialog').getByRole('button', { name: 'Save call' }).click();
    await expect.poll(() => page.getByRole('dialog').locator('.field-problem').count()).toBe(1);
    await page.screenshot({ path: `${lookDir}/collections-dialog-1280.png` });
    const dialogCheck = await new AxeBuilder({ page }).include('dialog').analyze();
    expect(dialogCheck.violations.map((v) => v.id)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await page.context().close();
  });

  describe('digest export from the window', () => {
    const openDigestTab = async (over: Parameters<Harness['runtime']>[0] = {}) => {
      const app = await openApp(browser, h.runtime(over));
      const client = h.clients[0]!;
      await app.page.locator(`tr[data-client="${client.businessId}"]`).click();
      await app.page.getByRole('tab', { name: 'Weekly digest' }).click();
      await expect.poll(() => app.page.getByRole('button', { name: 'Export' }).count()).toBe(1);
      return { ...app, client };
    };
    const exportsFolder = () => join(h.dir, 'exports', `digests-${today}`);

    it('writes every client’s digest, then offers each file as a download in the browser version', async () => {
      const { page } = await openDigestTab();
      await page.getByRole('radio', { name: /^All clients/ }).check();
      await page.getByRole('radio', { name: 'HTML page' }).check();
      await page.getByRole('button', { name: 'Export' }).click();
      const done = page.locator('.digest-export-done [role="status"]');
      await expect.poll(() => done.count()).toBe(1);
      expect(await done.innerText()).toMatch(
        new RegExp(
          `^2 digests written to ${exportsFolder().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
        ),
      );
      expect(await done.innerText()).not.toContain('Open folder');
      const files = page.getByRole('list', { name: 'Exported files' }).getByRole('button');
      expect(await files.count()).toBe(2);
      const name = h.clients[1]!.displayName;
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: `Download ${name} ${today}.html` }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`${name} ${today}.html`);
      expect(readFileSync((await download.path())!, 'utf8')).toContain(`<h1>${name}`);
      // The digest's own page is in a sandboxed frame without scripts, where axe cannot run: the
      // window around it is checked.
      const axe = await new AxeBuilder({ page }).include('main').exclude('iframe.digest').analyze();
      expect(axe.violations.map((v) => v.id)).toEqual([]);
      await page.screenshot({ path: `${lookDir}/digest-export-browser-1280.png` });
      await page.setViewportSize({ width: 900, height: 700 });
      await page.screenshot({ path: `${lookDir}/digest-export-browser-900x700.png` });
      await page.context().close();
    });

    it('shows progress while it writes, into a folder the advisor chose, and opens it (the desktop app)', async () => {
      const chosen = mkdtempSync(join(tmpdir(), 'rowcol-chosen-'));
      let answer: (folder: string | null) => void = () => undefined;
      const opened: string[] = [];
      try {
        const { page, emit, client } = await openDigestTab({
          // What the desktop app gives the runtime: its folder dialog (the test answers for the advisor)
          // and the file manager.
          chooseFolder: () => new Promise((resolve) => (answer = resolve)),
          openFolder: async (path) => {
            opened.push(path);
            return null;
          },
        });
        await page.getByRole('radio', { name: /^All clients/ }).check();
        await page.getByRole('radio', { name: 'HTML and PDF' }).check();
        await page.getByLabel('Ask me for another folder').check();
        await page.getByRole('button', { name: 'Export' }).click();
        const status = page.locator('.digest-progress [role="status"]');
        await expect.poll(() => status.innerText()).toBe('Building the digests…');
        // While the dialog is open, a progress event as an export of 200 sends it reaches the screen.
        await emit('digest:progress', {
          written: 36,
          total: 200,
          businessId: client.businessId,
          clientName: client.displayName,
        });
        await expect.poll(() => status.innerText()).toBe('Writing 37 of 200…');
        expect(
          await page
            .getByRole('progressbar', { name: 'Digest export progress' })
            .getAttribute('value'),
        ).toBe('36');
        await page.screenshot({ path: `${lookDir}/digest-export-progress-1280.png` });
        answer(chosen);
        const done = page.locator('.digest-export-done [role="status"]');
        await expect.poll(() => done.count()).toBe(1);
        const folder = join(chosen, `digests-${today}`);
        expect(await done.innerText()).toContain(`2 digests written to ${folder}`);
        await done.getByRole('button', { name: 'Open folder' }).click();
        await expect.poll(() => opened).toEqual([folder]);
        expect(await page.getByRole('list', { name: 'Exported files' }).count()).toBe(0);
        await page.screenshot({ path: `${lookDir}/digest-export-desktop-1280.png` });
        await page.context().close();
      } finally {
        rmSync(chosen, { recursive: true, force: true });
      }
    });

    it('says in one line when it stops part way, and lists what it wrote', async () => {
      rmSync(exportsFolder(), { recursive: true, force: true });
      const names = [...h.clients].map((c) => c.displayName).sort((a, b) => a.localeCompare(b));
      // A folder where the second file goes: the disk refuses it.
      mkdirSync(join(exportsFolder(), `${names[1]} ${today}.html`), { recursive: true });
      const { page } = await openDigestTab();
      await page.getByRole('radio', { name: /^All clients/ }).check();
      await page.getByRole('radio', { name: 'HTML page' }).check();
      await page.getByRole('button', { name: 'Export' }).click();
      const problem = page.locator('.digest-export-problem [role="alert"]');
      await expect.poll(() => problem.count()).toBe(1);
      const text = await problem.innerText();
      expect(text).toMatch(new RegExp(`^Stopped after 1 of 2 digests, at ${names[1]}: EISDIR`));
      expect(text).not.toContain('\n');
      expect(
        await page
          .getByRole('list', { name: 'Exported files' })
          .getByRole('button')
          .allInnerTexts(),
      ).toEqual([`${names[0]} ${today}.html`]);
      await page.screenshot({ path: `${lookDir}/digest-export-failed-1280.png` });
      await page.context().close();
    });
  });
});
