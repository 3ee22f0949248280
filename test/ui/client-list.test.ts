// The client list in Chromium, as `rowcol app` serves it: 2,000 clients whose summaries are planted
// through the repository (what the writers keep after each sync), virtualised, searched with `/`,
// sorted, filtered, driven from the keyboard, and the client view's header; then sync progress over the
// emulator ("N of M clients", a bar per client, Cancel) and the offline badge. Screenshots at 1280×800
// and 900×700 land in .tmp/look/ for a person to look at.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientFigures } from '../../src/core/advisor-work.ts';
import { addDays, localDay } from '../../src/core/dates.ts';
import { openDatabase, type Db } from '../../src/main/db/open.ts';
import { saveClientSummary } from '../../src/main/db/repositories/client-summaries.ts';
import { saveClient, setConnectionState } from '../../src/main/db/repositories/clients.ts';
import { setClientTags } from '../../src/main/db/repositories/client-summaries.ts';
import { writeTransaction } from '../../src/main/db/transaction.ts';
import { openRuntime, type Runtime } from '../../src/main/runtime/runtime.ts';
import { routeThrough, startRequestGate } from '../support/request-gate.ts';
import { tempDir } from '../support/temp.ts';
import { startHarness, type Harness } from '../sync/support/harness.ts';
import { launchChromium, openApp, whyUiTestsCannotRun } from './harness.ts';

const skipReason = whyUiTestsCannotRun();
if (skipReason) console.warn(`[ui] UI tests skipped: ${skipReason}`);

const lookDir = '.tmp/look';
const clientCount = 2_000;
const unsyncedEvery = 250; // clients 0, 250, 500…: never synced (8 of them)
// Client 89 has the shortest runway (0 days): first in the list's default order, with a name too long
// for its column.
const longName =
  'Alder Creek Agricultural Equipment Leasing and Repair Cooperative of the Upper Valley';

const rowsOf = (page: Page) => page.locator('table[aria-label="Clients"] tbody tr[data-client]');
const focusedClient = (page: Page) =>
  page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.client ?? null);

// 50 places × 40 trades: 2,000 names a person would read as small businesses, each one different.
const places = (
  'Alder Birch Cedar Dogwood Elm Fir Hazel Juniper Larch Maple Oak Pine Rowan Spruce Willow Aspen ' +
  'Beacon Cobble Delta Ember Fairview Granite Harbor Ironwood Jasper Keystone Lakeside Meadow North ' +
  'Orchard Prairie Quarry Ridge Summit Timber Union Valley Westfield Yarrow Zenith Bluebird Copper ' +
  'Driftwood Evergreen Foxglove Golden Heron Indigo Kestrel Lantern'
).split(' ');
const trades = (
  'Plumbing Bakery Dental Florist Roofing Catering Landscaping Veterinary Optics Printing Tiles ' +
  'Brewing Cycles Pharmacy Electric Glass Hardware Kitchens Laundry Motors Nursery Outfitters ' +
  'Painting Quilts Realty Salon Tailors Upholstery Vineyard Welding Yoga Books Coffee Fitness ' +
  'Grocers Joinery Locksmiths Masonry Pottery Studio'
).split(' ');
const nameOf = (i: number) => `${places[i % 50]} ${trades[Math.floor(i / 50)]}`;

type Planted = { businessId: string; name: string; runwayDays: number | null; synced: boolean };

/** 2,000 clients with summaries written as the writers write them, in one transaction. */
function plantClients(db: Db, now: Date): Planted[] {
  const planted: Planted[] = [];
  writeTransaction(db, () => {
    for (let i = 0; i < clientCount; i++) {
      const name = i === 89 ? longName : nameOf(i);
      const businessId = saveClient(db, {
        advisorId: 'local',
        realmId: String(100_000 + i),
        environment: 'custom',
        displayName: name,
        now: now.toISOString(),
      });
      const s = { advisorId: 'local', businessId };
      if (i % 100 === 3) setClientTags(db, s, ['Payroll']);
      if (i === 11) setConnectionState(db, 'local', businessId, 'reconnect_needed');
      const synced = i % unsyncedEvery !== 0;
      // Every runway distinct (0..1,999 days would pass the horizon: a third stay above zero).
      const runwayDays = i % 3 === 0 ? null : (i * 7) % 89;
      planted.push({ businessId, name, runwayDays, synced });
      if (!synced) continue;
      const today = localDay(now);
      // A client whose cash goes below zero reaches its low some days after; the others keep a low above zero.
      const lowestOn = addDays(
        today,
        runwayDays === null ? 5 + (i % 80) : Math.min(90, runwayDays + 3 + (i % 9)),
      );
      const figures: ClientFigures = {
        cashCents: 500_000 + i * 1_234,
        runwayDays,
        lowest: {
          date: lowestOn,
          cashCents: runwayDays === null ? 100_000 + i * 13 : -(i * 1_000),
        },
        firstBelowZero: runwayDays === null ? null : addDays(today, runwayDays),
        confidence: {
          flaggedShare: (i % 5) / 10,
          habitShare: 0.2,
          recurringShare: (i % 4) / 10,
        },
        openPayables: { count: 5, cents: 250_000 },
        openReceivables: { count: 4, cents: 180_000 },
        billsDueThisWeek: { count: i % 4, cents: (i % 4) * 12_500 },
        overdueReceivables: { count: i % 3, cents: (i % 3) * 40_000 },
        unconverted: 0,
      };
      saveClientSummary(db, s, {
        computedAt: now.toISOString(),
        computedOn: localDay(now),
        lastSuccessAt: new Date(now.getTime() - (i % 600) * 60_000).toISOString(),
        lastErrorAt: null,
        lastErrorCode: null,
        lastError: null,
        figures,
        openItems: { high: i % 3, medium: i % 5, low: i % 2 },
      });
    }
  });
  return planted;
}

/** Axe over this feature's parts of the page: a client's tab content is the other screens' (their tests). */
async function noAxeViolations(page: Page, where: string) {
  const result = await new AxeBuilder({ page }).exclude('.cv-tab').analyze();
  const found = result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(found, where).toEqual([]);
}

describe.skipIf(Boolean(skipReason))('the client list for 2,000 clients', () => {
  let browser: Browser;
  let runtime: Runtime;
  let planted: Planted[];
  beforeAll(async () => {
    browser = await launchChromium();
    mkdirSync(lookDir, { recursive: true });
    const dataDir = tempDir();
    const db = openDatabase(join(dataDir, 'rowcol.db'));
    planted = plantClients(db, new Date());
    runtime = openRuntime({ db, dataDir, env: {} });
  });
  afterAll(async () => {
    await browser?.close();
    await runtime?.close();
    runtime?.db.close();
  });

  async function openList(size = { width: 1280, height: 800 }) {
    const { page } = await openApp(browser, runtime);
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => void (m.type() === 'error' && problems.push(m.text())));
    await page.setViewportSize(size);
    await expect.poll(() => rowsOf(page).count()).toBeGreaterThan(5);
    return { page, problems };
  }

  // Issue 13's speed figures in browser mode, printed for the closing note and never asserted (a
  // timed assertion fails on a busy machine): a cold page to the list on screen, a client, a tab.
  it('reports how fast 2,000 clients are on screen, a client opens and a tab switches', async () => {
    const t0 = performance.now();
    const { page } = await openList();
    const listMs = performance.now() - t0;
    // Measured in the page, from the advisor's click (a capturing listener) to the frame where the tab
    // asked for is selected and nothing in the client view still says "Loading…" (Playwright's own
    // steps before a click are not the app's time), then to the frame the chart is drawn in.
    await page.evaluate(() => {
      const w = window as unknown as { clickedAt: number };
      document.addEventListener('click', () => (w.clickedAt = performance.now()), true);
    });
    // 'tab': the tab named is selected and nothing in the client view still says "Loading…";
    // 'chart': the cash chart is drawn. Either answers the milliseconds since the last click.
    const since = (what: 'tab' | 'chart', tab = '') =>
      page
        .waitForFunction(
          ([kind, name]) => {
            const w = window as unknown as { clickedAt: number };
            let done: boolean;
            if (kind === 'chart') done = document.querySelector('.cash-chart svg') !== null;
            else {
              const selected = document.querySelector('[role=tab][aria-selected=true]');
              const view = document.querySelector('section[aria-label=Client]');
              done =
                selected?.textContent === name &&
                !Array.from(view?.querySelectorAll('[role=status]') ?? []).some((el) =>
                  el.textContent?.startsWith('Loading'),
                );
            }
            return done ? performance.now() - w.clickedAt : false;
          },
          [what, tab] as const,
          { polling: 'raf' },
        )
        .then((h) => h.jsonValue() as Promise<number>);
    await rowsOf(page).first().click();
    const clientMs = await since('tab', 'Hygiene tray');
    await page.getByRole('tab', { name: 'Decision console' }).click();
    const tabMs = await since('tab', 'Decision console');
    const chartMs = await since('chart');
    await page.getByRole('button', { name: '← All clients' }).click();
    await expect.poll(() => rowsOf(page).count()).toBeGreaterThan(5);
    await rowsOf(page).nth(1).click();
    const secondMs = await since('tab', 'Hygiene tray');
    const ms = (n: number) => `${Math.round(n)} ms`;
    console.log(
      `[ui timing] 2,000 clients: list on screen ${ms(listMs)} from a cold page (server start, one-time link, first rows); a client ${ms(clientMs)} (the next one ${ms(secondMs)}); a tab ${ms(tabMs)}, its chart drawn ${ms(chartMs)} after the click`,
    );
    await page.context().close();
  });

  it('puts only a window of the 2,000 rows in the page, and scrolling brings the others', async () => {
    const { page, problems } = await openList();
    expect(await page.locator('table[aria-label="Clients"]').getAttribute('aria-rowcount')).toBe(
      String(clientCount + 1),
    );
    expect(await page.getByRole('status').filter({ hasText: 'clients' }).innerText()).toContain(
      `${clientCount.toLocaleString('en-US')} clients · 8 not synced yet`,
    );
    const inPage = await rowsOf(page).count();
    expect(inPage).toBeLessThan(60);
    // The last rows exist only once scrolled to.
    const lastIndex = await page.evaluate(() => {
      window.scrollTo(0, document.body.scrollHeight);
      return 0;
    });
    void lastIndex;
    await expect.poll(() => page.locator(`tr[aria-rowindex="${clientCount + 1}"]`).count()).toBe(1);
    expect(await rowsOf(page).count()).toBeLessThan(60);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('focuses the search with /, filters as the advisor types, and Escape clears it', async () => {
    const { page } = await openList();
    await page.locator('body').press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Search clients',
    );
    const wanted = nameOf(1999);
    await page.keyboard.type(wanted.toLowerCase());
    await expect.poll(() => rowsOf(page).count()).toBe(1);
    expect(await rowsOf(page).first().innerText()).toContain(wanted);
    expect(await page.locator('.cl-count').innerText()).toContain('1 of 2,000 clients');
    await page.keyboard.type('x');
    await expect
      .poll(() => page.getByText(`No client matches “${wanted.toLowerCase()}x”`).count())
      .toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => rowsOf(page).count()).toBeGreaterThan(5);
    expect(await page.getByLabel('Search clients').inputValue()).toBe('');
    await page.context().close();
  });

  it('moves the row focus with the arrows (a visible ring), opens with Enter, comes back with Escape', async () => {
    const { page } = await openList();
    await page.getByLabel('Search clients').focus();
    await page.keyboard.press('ArrowDown');
    const firstId = await rowsOf(page).first().getAttribute('data-client');
    await expect.poll(() => focusedClient(page)).toBe(firstId);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const third = rowsOf(page).nth(2);
    const thirdId = await third.getAttribute('data-client');
    await expect.poll(() => focusedClient(page)).toBe(thirdId);
    // The focus ring is drawn on the row (the design tokens' focus colour).
    const outline = await third.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).toBe('solid');
    await page.screenshot({ path: `${lookDir}/client-list-focus-1280.png` });
    // Far down the list, faster than the focus can follow: every key counts, the focused row is in the page.
    const focusedRow = () =>
      page.evaluate(() => document.activeElement?.getAttribute('aria-rowindex') ?? null);
    await page.keyboard.press('PageDown');
    await expect.poll(async () => Number(await focusedRow())).toBeGreaterThan(5);
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect.poll(focusedRow).toBe(String(clientCount - 2 + 1));
    const deep = await focusedClient(page);
    await page.keyboard.press('Enter');
    const name = planted.find((p) => p.businessId === deep)!.name;
    await expect
      .poll(() =>
        page
          .locator('.cv-header h2')
          .innerText()
          .catch(() => ''),
      )
      .toBe(name);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.cv-header').count()).toBe(0);
    // Back on the list, the row last opened has the focus again.
    await expect.poll(() => focusedClient(page)).toBe(deep);
    await page.context().close();
  });

  it('sorts by runway, shortest first, then longest first; clients without numbers stay last', async () => {
    const { page } = await openList();
    const runwayHeader = page.getByRole('columnheader', { name: /Runway/ });
    await runwayHeader.getByRole('button').click();
    expect(await runwayHeader.getAttribute('aria-sort')).toBe('ascending');
    const synced = planted.filter((p) => p.synced);
    const key = (p: Planted) => p.runwayDays ?? 91;
    const shortest = Math.min(...synced.map(key));
    await expect
      .poll(() => rowsOf(page).first().locator('td').nth(2).innerText())
      .toBe(`${shortest} day${shortest === 1 ? '' : 's'}`);
    const firstIds = await rowsOf(page).evaluateAll((rows) =>
      rows.slice(0, 10).map((r) => (r as HTMLElement).dataset.client!),
    );
    const ranks = firstIds.map((id) => key(planted.find((p) => p.businessId === id)!));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    await runwayHeader.getByRole('button').click();
    expect(await runwayHeader.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(() => rowsOf(page).first().locator('td').nth(2).innerText()).toBe('91+ days');
    // The bottom of the list: the clients never synced, whatever the direction.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const last = page.locator(`tr[aria-rowindex="${clientCount + 1}"]`);
    await expect.poll(() => last.count()).toBe(1);
    expect(await last.innerText()).toContain('Not synced yet');
    await page.context().close();
  });

  it('says "not synced yet" for a client never synced, never $0.00 or a red dot', async () => {
    const { page } = await openList();
    await page.getByLabel('Health').selectOption('unsynced');
    await expect.poll(() => rowsOf(page).count()).toBe(clientCount / unsyncedEvery);
    for (const text of await rowsOf(page).allInnerTexts()) {
      expect(text).toContain('Not synced yet: no numbers until its first sync');
      expect(text).not.toMatch(/\$0\b|\$0\.00/);
    }
    expect(await rowsOf(page).locator('.cl-health-red').count()).toBe(0);
    expect(await rowsOf(page).first().getByRole('img').getAttribute('aria-label')).toBe(
      'Not synced yet',
    );
    // Its header says so too, with the action: sync it.
    await rowsOf(page).first().click();
    await expect.poll(() => page.locator('.cv-header').innerText()).toContain('No numbers yet');
    expect(await page.getByRole('group', { name: 'Connection' }).innerText()).toContain(
      'Not synced yet',
    );
    await page.context().close();
  });

  it('filters by tag and by health', async () => {
    const { page } = await openList();
    await page.getByLabel('Tag').selectOption('Payroll');
    await expect.poll(() => rowsOf(page).count()).toBe(clientCount / 100);
    for (const text of await rowsOf(page).allInnerTexts()) expect(text).toContain('Payroll');
    await page.getByLabel('Tag').selectOption('');
    await page.getByLabel('Health').selectOption('green');
    await expect.poll(() => page.locator('.cl-count').innerText()).toMatch(/of 2,000 clients/);
    expect(await rowsOf(page).locator('.cl-health-green').count()).toBe(await rowsOf(page).count());
    await page.context().close();
  });

  it('keeps names on one line at 1280 px and cuts no column at 900 px; passes axe; pictures it', async () => {
    for (const size of [
      { width: 1280, height: 800 },
      { width: 900, height: 700 },
    ]) {
      const { page, problems } = await openList(size);
      // Nothing wider than the window.
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      ).toBe(true);
      // Every row one line high (no name wraps); a name too long for its column ends in an ellipsis
      // and keeps its whole text in its title.
      const heights = await rowsOf(page).evaluateAll((rows) =>
        rows.map((r) => Math.round(r.getBoundingClientRect().height)),
      );
      expect(new Set(heights)).toEqual(new Set([41]));
      const long = page.locator('.cl-name .cl-text', { hasText: 'Alder Creek' });
      expect(await long.getAttribute('title')).toBe(longName);
      expect(await long.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      // Every header readable in full or cut with an ellipsis, inside its column.
      const headers = await page
        .locator('thead th')
        .evaluateAll((ths) =>
          ths.map((th) => th.getBoundingClientRect().right <= window.innerWidth),
        );
      expect(headers.every(Boolean)).toBe(true);
      await noAxeViolations(page, `client list at ${size.width}px`);
      await page.screenshot({ path: `${lookDir}/client-list-${size.width}.png` });
      expect(problems).toEqual([]);
      await page.context().close();
    }
  }, 90_000);

  it('the client view’s header: cash, runway, lowest point, as of, and the fix for its connection', async () => {
    const { page } = await openList();
    // Client 11 needs reconnecting: its header offers Reconnect, which starts connecting.
    await page.getByLabel('Search clients').fill(nameOf(11));
    await rowsOf(page).first().click();
    const header = page.locator('.cv-header');
    // Each figure is its term's definition (dt/dd), as a screen reader reads it.
    const figure = (term: string) =>
      header.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
    await expect.poll(() => figure('Runway').innerText()).toMatch(/^\d+ days?$/);
    expect(await figure('Cash').innerText()).toMatch(/^\$[\d,]+$/);
    expect(await figure('Lowest point').innerText()).toMatch(/^−?\u2060?\$[\d,]+$/);
    expect(await header.locator('.cv-asof').innerText()).toMatch(
      /^Numbers as of (\d\d:\d\d today|yesterday \d\d:\d\d)$/,
    );
    const connection = page.getByRole('group', { name: 'Connection' });
    expect(await connection.innerText()).toContain('Reconnect needed');
    await connection.getByRole('button', { name: 'Reconnect' }).click();
    // No Intuit app keys in this runtime: the answer says what to do instead.
    await expect
      .poll(() => page.getByRole('alert').first().innerText())
      .toContain('No QuickBooks app keys are configured');
    // Tags from the header: added, shown on the client's row, removed.
    await header.getByRole('button', { name: '+ Add tag' }).click();
    await header.getByLabel('New tag').fill('Q4 review');
    await header.getByRole('button', { name: 'Add', exact: true }).click();
    await expect
      .poll(() => header.getByRole('group', { name: 'Tags' }).innerText())
      .toContain('Q4 review');
    expect(
      (await runtime.call('clients:overview', {})).find((c) => c.displayName === nameOf(11))!.tags,
    ).toEqual(['Q4 review']);
    await noAxeViolations(page, 'client view header');
    await page.screenshot({ path: `${lookDir}/client-header-1280.png` });
    await page.setViewportSize({ width: 900, height: 700 });
    await page.screenshot({ path: `${lookDir}/client-header-900.png` });
    await header.getByRole('button', { name: 'Remove tag Q4 review' }).click();
    await expect
      .poll(() => header.getByRole('group', { name: 'Tags' }).innerText())
      .not.toContain('Q4 review');
    await page.context().close();
  });
});

describe.skipIf(Boolean(skipReason))('sync progress and the offline badge', () => {
  let browser: Browser;
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ companies: 2, seed: 3 });
    for (const r of await h.runtime().call('sync:run', {})) expect(r.error).toBeNull();
    browser = await launchChromium();
    mkdirSync(lookDir, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('shows N of M clients with a bar per client, and Cancel stops the one still syncing', async () => {
    const { page } = await openApp(browser, h.runtime());
    await expect.poll(() => rowsOf(page).count()).toBe(2);
    const [first, second] = h.clients as [Harness['clients'][0], Harness['clients'][0]];
    // The second client's requests wait unanswered at a gate: where the run stands is known, however
    // fast or slow the machine.
    const gate = await startRequestGate(h.emulator.apiBaseUrl);
    try {
      gate.allow(0);
      routeThrough(h.db, second.businessId, gate.url);
      await page.getByRole('button', { name: 'Sync now' }).click();
      const panel = page.getByRole('region', { name: 'Sync progress' });
      await expect.poll(() => panel.innerText()).toContain('Syncing clients: 1 of 2 done');
      await expect.poll(() => gate.held).toBeGreaterThan(0);
      const bar = (c: { displayName: string }) =>
        panel.getByRole('progressbar', { name: `Sync of ${c.displayName}` });
      await expect.poll(() => bar(first).getAttribute('aria-valuenow')).toBe('100');
      expect(await bar(first).getAttribute('aria-valuetext')).toMatch(/^Done · /);
      expect(await bar(second).getAttribute('aria-valuetext')).toMatch(/^(Starting…|\w+s · )/);
      expect(
        await panel
          .getByRole('progressbar', { name: 'Clients synced' })
          .getAttribute('aria-valuenow'),
      ).toBe('1');
      await noAxeViolations(page, 'sync progress');
      await page.screenshot({ path: `${lookDir}/sync-progress-1280.png` });
      await panel.getByRole('button', { name: 'Cancel' }).click();
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'Sync cancelled' }).innerText())
        .toContain('Sync cancelled: 1 of 2 client(s) synced');
      expect(await panel.count()).toBe(0);
      // The abandoned requests went with the cancel: opening the gate now sends nothing on.
      gate.allow(Infinity);
      expect(gate.forwarded).toBe(0);
    } finally {
      routeThrough(h.db, second.businessId, h.emulator.apiBaseUrl);
      await gate.close();
    }
    await page.context().close();
  });

  it('shows the offline badge while QuickBooks cannot be reached, the numbers as of the last sync', async () => {
    const { page } = await openApp(browser, h.runtime());
    await expect.poll(() => rowsOf(page).count()).toBe(2);
    const cash = await rowsOf(page).first().locator('td').nth(1).innerText();
    // Nothing listens there: every request is refused (QuickBooks unreachable).
    const gate = await startRequestGate(h.emulator.apiBaseUrl);
    const nowhere = gate.url;
    await gate.close();
    try {
      for (const c of h.clients) routeThrough(h.db, c.businessId, nowhere);
      await page.getByRole('button', { name: 'Sync now' }).click();
      const badge = page.locator('.offline-badge');
      await expect.poll(() => badge.count()).toBe(1);
      expect(await badge.innerText()).toMatch(/^Offline · as of \d\d:\d\d today$/);
      await expect
        .poll(() => page.getByRole('alert').first().innerText())
        .toContain('QuickBooks could not be reached for 2 client(s)');
      // The numbers stay, marked with what happened.
      expect(await rowsOf(page).first().locator('td').nth(1).innerText()).toBe(cash);
      expect(await rowsOf(page).first().innerText()).toContain('QuickBooks unreachable');
      await rowsOf(page).first().click();
      const connection = page.getByRole('group', { name: 'Connection' });
      await expect.poll(() => connection.innerText()).toContain('QuickBooks unreachable');
      expect(await connection.getByRole('button', { name: 'Try again' }).count()).toBe(1);
      await noAxeViolations(page, 'offline');
      await page.screenshot({ path: `${lookDir}/offline-1280.png` });
    } finally {
      for (const c of h.clients) routeThrough(h.db, c.businessId, h.emulator.apiBaseUrl);
    }
    // Reachable again: Try again syncs the client, and the badge goes once the latest attempt succeeded.
    await page
      .getByRole('group', { name: 'Connection' })
      .getByRole('button', { name: 'Try again' })
      .click();
    await expect.poll(() => page.locator('.offline-badge').count()).toBe(0);
    await page.context().close();
  });
});

describe.skipIf(Boolean(skipReason))('an empty or unreachable list', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('explains what to do when there are no clients', async () => {
    const dataDir = tempDir();
    const runtime = openRuntime({ dataDir, env: {} });
    try {
      const { page } = await openApp(browser, runtime);
      await expect
        .poll(() => page.getByRole('heading', { name: 'No clients yet' }).isVisible())
        .toBe(true);
      expect(await page.getByRole('button', { name: 'Try the demo books' }).count()).toBe(1);
      await noAxeViolations(page, 'no clients');
      await page.context().close();
    } finally {
      await runtime.close();
    }
  });

  it('shows every client with its connection state', async () => {
    const dataDir = tempDir();
    const db = openDatabase(join(dataDir, 'rowcol.db'));
    const now = '2026-11-26T10:00:00Z';
    saveClient(db, {
      advisorId: 'local',
      realmId: '1',
      environment: 'custom',
      displayName: 'Bluebird Bakery',
      now,
    });
    const id = saveClient(db, {
      advisorId: 'local',
      realmId: '2',
      environment: 'custom',
      displayName: 'Acme Plumbing',
      now,
    });
    setConnectionState(db, 'local', id, 'reconnect_needed');
    const runtime = openRuntime({ db, dataDir, env: {} });
    try {
      const { page } = await openApp(browser, runtime);
      await expect.poll(() => rowsOf(page).count()).toBe(2);
      expect(await rowsOf(page).nth(0).innerText()).toContain('Acme Plumbing');
      expect(await rowsOf(page).nth(0).innerText()).toContain('Reconnect needed');
      expect(await rowsOf(page).nth(1).innerText()).toContain('Bluebird Bakery');
      expect(await rowsOf(page).nth(1).innerText()).toContain('Not synced yet');
      await page.context().close();
    } finally {
      await runtime.close();
      db.close();
    }
  });
});
