// The forecast in the window, in Chromium over books synced from the emulator through the real engine:
// the console's day-level impacts and its daily chart, and the forecast tab where the advisor confirms
// or ignores the recurring money the history shows. Screenshots at two window sizes land in
// .tmp/window-look/ for a person to look at.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import type { ForecastView } from '../../src/core/forecast/view.ts';
import { startHarness, type Harness } from '../sync/support/harness.ts';
import { launchChromium, openApp, whyUiTestsCannotRun } from './harness.ts';

const skipReason = whyUiTestsCannotRun();
if (skipReason) console.warn(`[ui] UI tests skipped: ${skipReason}`);

const lookDir = '.tmp/window-look';
const sizes = [
  { width: 1280, height: 800 },
  { width: 900, height: 700 },
] as const;

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const short = (day: string) => `${months[Number(day.slice(5, 7)) - 1]} ${Number(day.slice(8, 10))}`;
// The screens glue a sign to its amount with a word joiner (U+2060), so no line breaks between them.
const dollars = (cents: number) =>
  `${cents <= -50 ? '\u2212\u2060' : ''}$${Math.abs(Math.round(cents / 100)).toLocaleString('en-US')}`;

describe.skipIf(Boolean(skipReason))('the forecast in the window', () => {
  let browser: Browser;
  let h: Harness;
  /** The client whose cash goes below zero (the demo books plant one), and the one whose does not. */
  let short_: { businessId: string; displayName: string };
  let healthy: { businessId: string; displayName: string };
  beforeAll(async () => {
    h = await startHarness({ companies: 2, seed: 3 });
    for (const r of await h.runtime().call('sync:run', {})) expect(r.error).toBeNull();
    browser = await launchChromium();
    mkdirSync(lookDir, { recursive: true });
    const forecasts = await Promise.all(
      h.clients.map((c) => h.runtime().call('forecast:get', { businessId: c.businessId })),
    );
    const i = forecasts.findIndex((f) => f.runwayDays !== null);
    expect(i, 'the demo books have a client whose cash goes below zero').toBeGreaterThanOrEqual(0);
    short_ = h.clients[i]!;
    healthy = h.clients[1 - i]!;
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  const forecastOf = (businessId: string): Promise<ForecastView> =>
    h.runtime().call('forecast:get', { businessId });

  async function openTab(businessId: string, tab: 'Decision console' | 'Forecast') {
    const app = await openApp(browser, h.runtime());
    const page = app.page;
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content Security Policy/i.test(m.text()))
        problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.locator(`tr[data-client="${businessId}"]`).click();
    await page.getByRole('tab', { name: tab }).click();
    // ResponsiveContainer measures its box before it draws the axes.
    await expect
      .poll(() => page.locator('.cash-chart .recharts-xAxis-tick-labels text').count())
      .toBeGreaterThan(0);
    return { page, problems };
  }

  const chartOf = (page: Page) => page.locator('.cash-chart');

  it('shows each bill’s impact by the day in words, and they differ between bills', async () => {
    const { page, problems } = await openTab(short_.businessId, 'Decision console');
    const f = await forecastOf(short_.businessId);
    // The header: runway in days, the lowest point with its date, what the projection rests on.
    const header = page.locator('.forecast-summary');
    expect(await header.getByLabel('Runway', { exact: true }).innerText()).toBe(
      `${f.runwayDays} days`,
    );
    expect(await header.innerText()).toContain(`below zero on ${short(f.firstBelowZero!)}`);
    expect(await header.getByLabel('Lowest point').innerText()).toBe(dollars(f.lowest.cashCents));
    expect(await header.innerText()).toContain(`on ${short(f.lowest.date)}`);
    const rests = await page.getByLabel('Confidence').innerText();
    expect(rests).toMatch(/of the projected money is a guess \(\d+% from customers’ paying habits/);
    expect(rests).not.toMatch(/sure/);
    const payNow = await page.locator('[data-impact="pay-now"]').allInnerTexts();
    const delay = await page.locator('[data-impact="delay"]').allInnerTexts();
    expect(payNow.length).toBeGreaterThan(3);
    for (const t of payNow)
      expect(t).toMatch(
        /^Pay now: (no day’s cash changes|low until \w+ \d+ (−\u2060)?\$[\d,]+ on \w+ \d+ \((no change|[+−]\u2060\$[\d,]+)\)); overall lowest (−\u2060)?\$[\d,]+ \((no change|[+−]\u2060\$[\d,]+)\), (runway \d+ days? \((no change|[+−]\d+|was above zero throughout)\)|cash (now )?stays above zero.*)$/,
      );
    for (const t of delay)
      expect(t).toMatch(/^Delay to [A-Z][a-z]{2} \d{1,2}: (no day’s cash changes|low until )/);
    // What the handler computed for each bill is what the screen says, and the bills differ.
    const v = await h.runtime().call('console:list', { businessId: short_.businessId });
    const bills = [...v.groups.overdue, ...v.groups.this_week, ...v.groups.later];
    const big = bills.find((b) => b.dayImpact!.payNow.runwayChangeDays !== 0)!;
    expect(big, 'a bill large enough to move the runway').toBeDefined();
    const row = page.locator(`tr[data-bill="${big.qboId}"]`);
    expect(await row.locator('[data-impact="pay-now"]').innerText()).toContain(
      `runway ${big.dayImpact!.payNow.runwayAfterDays} days`,
    );
    expect(
      new Set([...payNow, ...delay].map((t) => t.replace(/^[^:]+:/, ''))).size,
    ).toBeGreaterThan(1);
    // The days a move changes differ from bill to bill even where the overall low does not move.
    const meantimes = new Set(payNow.map((t) => t.split(';')[0]));
    expect(meantimes.size, 'each bill paid now changes its own days').toBeGreaterThan(
      payNow.length / 2,
    );
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('draws the daily chart with dates and amounts on its axes, the zero line and the lowest point', async () => {
    const { page, problems } = await openTab(short_.businessId, 'Forecast');
    const f = await forecastOf(short_.businessId);
    const chart = chartOf(page);
    const xTicks = await chart
      .locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value')
      .allTextContents();
    expect(xTicks.length).toBeGreaterThanOrEqual(6);
    for (const t of xTicks) expect(t).toMatch(/^[A-Z][a-z]{2} \d{1,2}$/);
    expect(xTicks[0]).toBe(short(f.today));
    const yTicks = await chart
      .locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')
      .allTextContents();
    expect(yTicks.length).toBeGreaterThanOrEqual(3);
    for (const t of yTicks) expect(t).toMatch(/^−?\$\d+(\.\d)?[KM]?$/);
    expect(yTicks).toContain('$0');
    expect(yTicks.some((t) => t.startsWith('−'))).toBe(true); // this client goes below zero
    expect(await chart.locator('.chart-lowest-label').textContent()).toBe(
      `Lowest ${dollars(f.lowest.cashCents)} · ${short(f.lowest.date)}`,
    );
    expect(await chart.locator('.recharts-reference-line').count()).toBe(2); // zero and today
    expect(await chart.locator('.recharts-label').allTextContents()).toContain('Zero');
    expect(await chart.locator('.chart-today-label').textContent()).toBe('Today');
    const label = await chart.locator('div[role="img"]').getAttribute('aria-label');
    expect(label).toContain(`Lowest ${dollars(f.lowest.cashCents)} on ${short(f.lowest.date)}`);
    expect(label).toContain(`Runway ${f.runwayDays} days`);
    // The tooltip says the day's cash, money in and money out.
    const box = (await chart.locator('.recharts-surface').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
    const tip = chart.locator('.chart-tooltip');
    await expect.poll(() => tip.isVisible()).toBe(true);
    expect(await tip.innerText()).toMatch(
      /^\w{3}, [A-Z][a-z]{2} \d{1,2}, \d{4}\nCash (−\u2060)?\$[\d,]+\nIn \$[\d,]+ · Out \$[\d,]+$/,
    );
    await chart.screenshot({ path: `${lookDir}/chart-tooltip-1280x800.png` });
    expect(problems, 'no errors or CSP violations while the chart is drawn').toEqual([]);
    await page.context().close();
  });

  it('lists the customers’ paying habits, naming each customer and what it rests on', async () => {
    const { page } = await openTab(short_.businessId, 'Forecast');
    const f = await forecastOf(short_.businessId);
    const rows = page.getByRole('table', { name: 'Paying habits' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(f.habits.length);
    const learned = f.habits.find((x) => x.basis === 'habit' && x.medianDaysLate >= 5)!;
    const row = page.locator(`tr[data-customer="${learned.customerId}"]`);
    expect(await row.innerText()).toMatch(
      new RegExp(
        `^${learned.customerName}\\t${Math.round(learned.medianDaysLate)} days late.*\\t${learned.sampleSize} paid invoices$`,
      ),
    );
    await page.context().close();
  });

  it('confirms and ignores recurring money from the forecast tab; the choice shows and survives a reload', async () => {
    const { page } = await openTab(short_.businessId, 'Forecast');
    const before = await forecastOf(short_.businessId);
    const outflows = before.recurring.filter(
      (r) => r.direction === 'out' && r.state === 'expected',
    );
    expect(outflows.length, 'the demo books plant recurring payroll, rent…').toBeGreaterThan(2);
    const [confirmMe, ignoreMe] = [outflows[0]!, outflows[1]!];
    const row = (key: string) => page.locator(`tr[data-recurring="${key}"]`);
    await row(confirmMe.key).getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => row(confirmMe.key).getAttribute('data-state')).toBe('confirmed');
    expect(await row(confirmMe.key).locator('[data-cell="state"]').innerText()).toBe('Confirmed');
    expect(await row(confirmMe.key).getByRole('button', { name: 'Confirm' }).isDisabled()).toBe(
      true,
    );
    await row(ignoreMe.key).getByRole('button', { name: 'Ignore' }).click();
    await expect.poll(() => row(ignoreMe.key).getAttribute('data-state')).toBe('ignored');
    expect(await page.getByRole('status').innerText()).toContain(
      `${ignoreMe.name}: left out of the forecast.`,
    );
    // Leaving an outflow out lifts the projection: the header shows the forecast after the choice.
    const after = await forecastOf(short_.businessId);
    expect(after.lowest.cashCents).toBeGreaterThan(before.lowest.cashCents);
    expect(await page.getByLabel('Lowest point').innerText()).toBe(dollars(after.lowest.cashCents));
    // A wrong amount is refused with one line; a right one is kept as the advisor's.
    // The largest of the others, ten dollars more: written with a thousands comma, and the pictures
    // below still show the books' own shape.
    const third = [...outflows.slice(2)].sort((a, b) => b.amountCents - a.amountCents)[0]!;
    const typed = third.amountCents + 1000;
    const typedText = (typed / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
    await row(third.key).getByRole('button', { name: 'Change amount' }).click();
    await row(third.key).getByLabel(`New amount for ${third.name}`).fill('twelve');
    await row(third.key).getByRole('button', { name: 'Save' }).click();
    expect(await row(third.key).getByRole('alert').innerText()).toBe(
      'Enter an amount like 1250 or 1250.50.',
    );
    await row(third.key).getByLabel(`New amount for ${third.name}`).fill(typedText);
    await row(third.key).getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => row(third.key).getAttribute('data-state')).toBe('changed');
    expect(await row(third.key).innerText()).toContain(dollars(-typed)); // whole dollars
    expect(await row(third.key).locator('[data-cell="state"]').innerText()).toBe(
      `Your amount (found ${dollars(third.amountCents)})`,
    );

    await page.reload();
    await page.locator(`tr[data-client="${short_.businessId}"]`).click();
    await page.getByRole('tab', { name: 'Forecast' }).click();
    await expect.poll(() => row(confirmMe.key).getAttribute('data-state')).toBe('confirmed');
    expect(await row(ignoreMe.key).getAttribute('data-state')).toBe('ignored');
    expect(await row(third.key).getAttribute('data-state')).toBe('changed');
    expect((await forecastOf(short_.businessId)).recurring).toContainEqual(
      expect.objectContaining({ key: third.key, state: 'changed', amountCents: typed }),
    );
    await page.context().close();
  });

  it('passes an automated accessibility check on the console and the forecast tab', async () => {
    for (const tab of ['Decision console', 'Forecast'] as const) {
      const { page } = await openTab(short_.businessId, tab);
      const result = await new AxeBuilder({ page }).include('main').analyze();
      const found = result.violations.map(
        (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
      );
      expect(found, tab).toEqual([]);
      await page.context().close();
    }
  });

  it('looks right at 1280×800 and 900×700 (screenshots for a person to check)', async () => {
    for (const size of sizes) {
      for (const [client, name] of [
        [short_, 'short'],
        [healthy, 'healthy'],
      ] as const) {
        for (const tab of ['Decision console', 'Forecast'] as const) {
          const { page, problems } = await openTab(client.businessId, tab);
          await page.setViewportSize(size);
          // The chart redraws at its new width before the picture is taken.
          await expect
            .poll(async () => {
              const svg = await chartOf(page).locator('svg.recharts-surface').boundingBox();
              const fig = await chartOf(page).boundingBox();
              return svg && fig ? Math.abs(fig.width - svg.width) < 24 : false;
            })
            .toBe(true);
          // Today and the lowest point sit on the plot's edges: still marked at the new width.
          const chart = chartOf(page);
          expect(await chart.locator('.chart-today-label').count(), `${tab} at ${size.width}`).toBe(
            1,
          );
          expect(await chart.locator('.recharts-reference-dot').count()).toBe(1);
          expect(await chart.locator('.chart-lowest-label').count()).toBe(1);
          const file = `${lookDir}/${tab === 'Forecast' ? 'forecast' : 'console'}-${name}-${size.width}x${size.height}.png`;
          await page.screenshot({ path: file, fullPage: tab === 'Forecast' });
          expect(problems).toEqual([]);
          await page.context().close();
        }
      }
    }
  });
});
