// The decision console's bulk re-date and the forecast tab's scenarios in Chromium, over books synced from
// the emulator through the real engine (issue 12 §3-4, issue 13 §4): what the window previews is what
// console:preview-moves says, and nothing is written until the advisor records; recorded moves are
// decisions; a bill's own delay date gets its own impact; a scenario's one-off outflow lowers the
// comparison's lowest point by its amount. Screenshots at two window sizes land in .tmp/look/.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import type { ConsoleBill, ConsoleView } from '../../src/core/advisor-work.ts';
import type { ForecastSummary } from '../../src/core/forecast/scenario-view.ts';
import { currentDecisions } from '../../src/main/db/repositories/decisions.ts';
import { saveScenario } from '../../src/main/db/repositories/scenarios.ts';
import { startHarness, type Harness } from '../sync/support/harness.ts';
import { launchChromium, openApp, whyUiTestsCannotRun } from './harness.ts';

const skipReason = whyUiTestsCannotRun();
if (skipReason) console.warn(`[ui] UI tests skipped: ${skipReason}`);

const lookDir = '.tmp/look';
const sizes = [
  { width: 1280, height: 800 },
  { width: 900, height: 700 },
] as const;

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const short = (day: string) => `${months[Number(day.slice(5, 7)) - 1]} ${Number(day.slice(8, 10))}`;
// The screens glue a sign to its amount with a word joiner (U+2060), so no line breaks between them.
const dollars = (cents: number) =>
  `${cents <= -50 ? '\u2212\u2060' : ''}$${Math.abs(Math.round(cents / 100)).toLocaleString('en-US')}`;
const signed = (cents: number) =>
  Math.round(cents / 100) === 0
    ? 'no change'
    : cents > 0
      ? `+\u2060${dollars(cents)}`
      : dollars(cents);
const runway = (days: number | null) =>
  days === null ? 'beyond 13 weeks' : days === 1 ? '1 day' : `${days} days`;
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The bar's "Runway … → …" and "Lowest point … → … (±…)", as the advisor reads them. */
function effectText(before: ForecastSummary, after: ForecastSummary) {
  const d =
    before.runwayDays === null || after.runwayDays === null
      ? ''
      : after.runwayDays === before.runwayDays
        ? ' (no change)'
        : after.runwayDays > before.runwayDays
          ? ` (+${after.runwayDays - before.runwayDays})`
          : ` (\u2212${before.runwayDays - after.runwayDays})`;
  const at = (f: ForecastSummary) => `${dollars(f.lowest.cashCents)} on ${short(f.lowest.date)}`;
  // The days the moves change (first to last that differ) and their low, before and after.
  const changed = before.projection
    .map((d, k) => k)
    .filter((k) => before.projection[k]!.cashCents !== after.projection[k]!.cashCents);
  const lowIn = (f: ForecastSummary) =>
    f.projection
      .slice(changed[0], changed.at(-1)! + 1)
      .reduce((low, d) => (d.cashCents < low.cashCents ? d : low));
  const meantime =
    changed.length === 0
      ? undefined
      : {
          label: `Low until ${short(before.projection[changed.at(-1)! + 1]?.date ?? addDays(before.projection.at(-1)!.date, 1))}`,
          value: `${dollars(lowIn(before).cashCents)} on ${short(lowIn(before).date)} \u2192 ${dollars(lowIn(after).cashCents)} on ${short(lowIn(after).date)} (${signed(lowIn(after).cashCents - lowIn(before).cashCents)})`,
        };
  return {
    meantime,
    runway: `${runway(before.runwayDays)} \u2192 ${runway(after.runwayDays)}${d}`,
    lowest: `${at(before)} \u2192 ${at(after)} (${signed(after.lowest.cashCents - before.lowest.cashCents)})`,
  };
}

const billsOf = (v: ConsoleView): ConsoleBill[] => [
  ...v.groups.overdue,
  ...v.groups.this_week,
  ...v.groups.later,
];

describe.skipIf(Boolean(skipReason))('the decision console and scenarios in the window', () => {
  let browser: Browser;
  let h: Harness;
  /** The client whose cash goes below zero (the demo books plant one). */
  let client: { businessId: string; displayName: string };
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
    client = h.clients[i]!;
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  const rt = () => h.runtime();
  const decisionRows = () =>
    (h.db.prepare('SELECT count(*) AS n FROM decisions').get() as { n: number }).n;
  const consoleOf = () => rt().call('console:list', { businessId: client.businessId });

  async function openTab(tab: 'Decision console' | 'Forecast') {
    const { page } = await openApp(browser, h.runtime());
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content Security Policy/i.test(m.text()))
        problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.locator(`tr[data-client="${client.businessId}"]`).click();
    await page.getByRole('tab', { name: tab }).click();
    await expect
      .poll(() => page.locator('.cash-chart .recharts-xAxis-tick-labels text').count())
      .toBeGreaterThan(0);
    return { page, problems };
  }

  async function axe(page: Page, state: string) {
    const result = await new AxeBuilder({ page }).include('main').analyze();
    const found = result.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    );
    expect(found, state).toEqual([]);
  }

  const bar = (page: Page) => page.getByRole('region', { name: /^Move \d+ bills?/ });

  it('previews moving several bills by 7 days, the figures console:preview-moves gives, writing nothing', async () => {
    const { page, problems } = await openTab('Decision console');
    const v = await consoleOf();
    const bills = billsOf(v);
    expect(bills.length, 'the demo client has bills to move').toBeGreaterThan(3);
    // A whole group and one more bill from the next group.
    const group = v.groups.overdue.length > 0 ? 'overdue bills' : 'later bills';
    const first = v.groups.overdue.length > 0 ? v.groups.overdue : v.groups.later;
    const extra = bills.find((b) => !first.includes(b))!;
    await page.getByLabel(`Select all ${group}`).check();
    // The keyboard ticks a bill as well as the mouse.
    await page.locator(`tr[data-bill="${extra.qboId}"]`).getByRole('checkbox').focus();
    await page.keyboard.press('Space');
    const chosen = [...first, extra];
    const rowsBefore = decisionRows();

    await expect.poll(() => bar(page).isVisible()).toBe(true);
    const total = chosen.reduce((s, b) => s + b.homeCents!, 0);
    expect(await bar(page).getByRole('heading').innerText()).toBe(
      `Move ${chosen.length} bills (${dollars(total)})`,
    );
    // 7 days is the bar's first way of moving; typed again, the preview follows the typing.
    await bar(page).getByLabel('Days to move them by').fill('7');
    const direct = await rt().call('console:preview-moves', {
      businessId: client.businessId,
      moves: chosen.map((b) => ({ billId: b.qboId, to: 'days' as const, days: 7 })),
    });
    const want = effectText(direct.before, direct.after);
    const figure = (name: string) => bar(page).locator(`[data-effect="${name}"] .figure-value`);
    expect(want.meantime, 'moving bills a week changes the days in between').toBeDefined();
    // Waits for the preview of the whole selection: an earlier one (the group alone, asked before the
    // last tick) can give the same runway and lowest point, so all the figures are read together.
    const shown = async () => [
      await figure('runway').innerText(),
      await figure('lowest').innerText(),
      await bar(page).locator('[data-effect="meantime"] .figure-label').innerText(),
      await figure('meantime').innerText(),
    ];
    await expect
      .poll(shown)
      .toEqual([want.runway, want.lowest, want.meantime!.label, want.meantime!.value]);
    // Each selected bill says where the move puts it.
    for (const m of direct.moved)
      expect(
        await page
          .locator(`tr[data-bill="${m.billId}"] [data-moved-to]`)
          .getAttribute('data-moved-to'),
      ).toBe(m.toDate);
    // The chart draws both lines: the forecast as it stands dashed, the one with the moves solid.
    const chart = page.locator('.cash-chart');
    expect(await chart.locator('.recharts-line').count()).toBe(1);
    expect(await chart.locator('.chart-legend').innerText()).toBe('With these moves\nAs it stands');
    expect(await chart.locator('.chart-lowest-label').textContent()).toBe(
      `Lowest ${dollars(direct.after.lowest.cashCents)} · ${short(direct.after.lowest.date)}`,
    );
    expect(decisionRows(), 'a preview records nothing').toBe(rowsBefore);
    await axe(page, 'the bulk bar with a preview');

    for (const size of sizes) {
      await page.setViewportSize(size);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({
        path: `${lookDir}/console-bulk-preview-${size.width}x${size.height}.png`,
      });
    }

    // Bad input gets one line next to the field, and nothing to record.
    await bar(page).getByLabel('Days to move them by').fill('a week');
    expect(await bar(page).locator('.field-problem').innerText()).toBe(
      'Enter a whole number of days from 1 to 366 (−7 moves them a week earlier).',
    );
    expect(
      await bar(page)
        .getByRole('button', { name: /^Record these/ })
        .isDisabled(),
    ).toBe(true);
    // Escape clears the selection, and the bar goes with it.
    await page.keyboard.press('Escape');
    await expect.poll(() => bar(page).count()).toBe(0);
    expect(await page.getByRole('checkbox', { checked: true }).count()).toBe(0);
    expect(decisionRows()).toBe(rowsBefore);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('records the moves as one decision per bill, says so, and the console shows them', async () => {
    const { page, problems } = await openTab('Decision console');
    const v = await consoleOf();
    const chosen = billsOf(v)
      .filter((b) => b.decision === null)
      .slice(0, 3);
    expect(chosen.length).toBe(3);
    for (const b of chosen)
      await page.locator(`tr[data-bill="${b.qboId}"]`).getByRole('checkbox').check();
    await bar(page).getByLabel('Days to move them by').fill('7');
    const preview = await rt().call('console:preview-moves', {
      businessId: client.businessId,
      moves: chosen.map((b) => ({ billId: b.qboId, to: 'days' as const, days: 7 })),
    });
    const want = effectText(preview.before, preview.after);
    await expect
      .poll(() => bar(page).locator('[data-effect="runway"] .figure-value').innerText())
      .toBe(want.runway);
    const rowsBefore = decisionRows();
    await bar(page).getByRole('button', { name: 'Record these 3 decisions' }).click();
    const done = page.locator('[data-recorded]');
    await expect.poll(() => done.count()).toBe(1);
    expect(await done.innerText()).toContain(
      `Recorded 3 decisions for ${client.displayName}: the bills moved 7 days later. Runway ${want.runway}; lowest point ${want.lowest}`,
    );
    expect(decisionRows()).toBe(rowsBefore + 3);
    const kept = currentDecisions(h.db, { advisorId: 'local', businessId: client.businessId });
    for (const m of preview.moved) {
      expect(kept).toContainEqual(
        expect.objectContaining({ billQboId: m.billId, action: 'delay', plannedDate: m.toDate }),
      );
      // The console reloaded: each bill says its decision.
      await expect
        .poll(() => page.locator(`tr[data-bill="${m.billId}"] [data-decision]`).innerText())
        .toBe(
          `Decided: Delay to ${m.toDate.slice(5, 7)}/${m.toDate.slice(8, 10)}/${m.toDate.slice(0, 4)}`,
        );
    }
    // The forecast reloaded with them: the header's lowest point is the recorded effect's.
    expect(await page.getByLabel('Lowest point').innerText()).toBe(
      dollars(preview.after.lowest.cashCents),
    );
    expect(await bar(page).count()).toBe(0);
    await axe(page, 'after recording');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `${lookDir}/console-recorded-1280x800.png` });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('works out a bill’s delay impact for the date chosen in its field, and refuses a past date with one line', async () => {
    const { page, problems } = await openTab('Decision console');
    const v = await consoleOf();
    const bill = billsOf(v).find((b) => b.dayImpact?.delay.meantime)!;
    expect(bill, 'a bill whose delay changes some days').toBeDefined();
    const row = page.locator(`tr[data-bill="${bill.qboId}"]`);
    const delayLine = row.locator('[data-impact="delay"]');
    expect(await delayLine.innerText()).toMatch(new RegExp(`^Delay to ${short(bill.delayTo)}:`));
    const chosen = addDays(bill.delayTo, 9);
    await row.locator('input[type=date]').fill(chosen);
    await expect
      .poll(() => delayLine.innerText())
      .toMatch(new RegExp(`^Delay to ${short(chosen)}: (low until|no day)`));
    // The same figures as the console gives for that date.
    const there = billsOf(
      await rt().call('console:list', { businessId: client.businessId, delayTo: chosen }),
    ).find((b) => b.qboId === bill.qboId)!.dayImpact!.delay;
    const text = await delayLine.innerText();
    expect(text).toContain(`overall lowest ${dollars(there.lowestAfterCents)}`);
    if (there.meantime)
      expect(text).toContain(
        `low until ${short(there.meantime.until)} ${dollars(there.meantime.lowestAfter.cashCents)} on ${short(there.meantime.lowestAfter.date)}`,
      );
    // A date before today: one line next to the field, and no Delay to press.
    await row.locator('input[type=date]').fill(addDays(v.today, -3));
    expect(await row.locator('.field-problem').innerText()).toBe('Pick today or a later date.');
    expect(await row.getByRole('button', { name: 'Delay' }).isDisabled()).toBe(true);
    await axe(page, 'a bill’s date refused');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('makes, edits, compares and deletes a scenario in the forecast tab', async () => {
    const { page, problems } = await openTab('Forecast');
    const panel = page.getByRole('region', { name: /^Scenarios/ });
    // No scenarios yet: the panel says what to do.
    await expect
      .poll(() => panel.innerText())
      .toContain('No scenarios yet: add one to see what a delay or a new contract does.');
    await axe(page, 'no scenarios yet');

    await panel.getByRole('button', { name: 'New scenario' }).click();
    const form = page.getByRole('form', { name: 'New scenario' });
    // Saving nothing says what is missing, next to each field.
    await form.getByRole('button', { name: 'Save scenario' }).click();
    expect(await form.locator('.field-problem').allInnerTexts()).toEqual([
      'Give the scenario a name.',
      'Add at least one change.',
    ]);
    await form.getByLabel('Name').fill('Buy a van');
    await form.getByRole('button', { name: '+ A one-off amount' }).click();
    const change = form.locator('fieldset[data-change="one-off"]');
    await form.getByRole('button', { name: 'Save scenario' }).click();
    expect(await change.locator('.field-problem').allInnerTexts()).toEqual([
      'Enter an amount like 1250 or 1250.50.',
      'Pick a date.',
    ]);
    await axe(page, 'the scenario form with its problems');
    const today = (await rt().call('forecast:get', { businessId: client.businessId })).today;
    await change.getByLabel('In or out').selectOption('out');
    await change.getByLabel('Amount (USD)').fill('5,000');
    await change.getByLabel('On', { exact: true }).fill(today);
    await change.getByLabel('What it is (optional)').fill('delivery van');
    await form.screenshot({ path: `${lookDir}/scenario-form-1280x800.png` });
    await form.getByRole('button', { name: 'Save scenario' }).click();

    // Saved: the comparison beside the baseline, as forecast:compare gives it.
    const table = page.getByRole('table', { name: 'Scenarios compared with the baseline' });
    const cell = (measure: string) =>
      table.locator(`tr[data-measure="${measure}"] td[data-scenario="Buy a van"]`);
    await expect.poll(() => cell('lowest').count()).toBe(1);
    const c = await rt().call('forecast:compare', { businessId: client.businessId });
    const van = c.scenarios.find((x) => x.name === 'Buy a van')!;
    // Paid today, before the lowest day: the lowest point is lower by exactly the van.
    expect(van.vsBaseline.lowestChangeCents).toBe(-500_000);
    expect(await cell('lowest').locator('.figure').innerText()).toBe(
      `${dollars(c.baseline.lowest.cashCents - 500_000)} on ${short(van.summary.lowest.date)}`,
    );
    expect(await cell('lowest').locator('[data-vs]').innerText()).toBe(dollars(-500_000));
    expect(await cell('endCash').locator('[data-vs]').innerText()).toBe(dollars(-500_000));
    expect(await cell('runway').locator('.figure').innerText()).toBe(
      runway(van.summary.runwayDays),
    );
    expect(await cell('changes').locator('li').allInnerTexts()).toEqual([
      `$5,000.00 out on ${short(today)} (delivery van)`,
    ]);
    expect(await panel.locator('.scenario-done').innerText()).toBe('Scenario “Buy a van” saved.');
    // The chart draws the scenario against the baseline.
    const chart = panel.locator('.cash-chart');
    await expect.poll(() => chart.locator('.recharts-line').count()).toBe(1);
    expect(await chart.locator('.chart-legend').innerText()).toBe('Buy a van\nBaseline');
    await axe(page, 'the comparison');
    for (const size of sizes) {
      await page.setViewportSize(size);
      await expect
        .poll(async () => {
          const svg = await chart.locator('svg.recharts-surface').boundingBox();
          const fig = await chart.boundingBox();
          return svg && fig ? Math.abs(fig.width - svg.width) < 24 : false;
        })
        .toBe(true);
      // No tooltip in the picture: the pointer rests off the chart.
      await page.mouse.move(0, 0);
      await page.evaluate(() =>
        document.querySelector('.scenarios')!.scrollIntoView({ block: 'start' }),
      );
      await page.screenshot({
        path: `${lookDir}/scenario-comparison-${size.width}x${size.height}.png`,
      });
    }

    // Edit it: the van costs more.
    await table.getByRole('button', { name: 'Edit Buy a van' }).click();
    const edit = page.getByRole('form', { name: 'Edit “Buy a van”' });
    await edit.getByLabel('Amount (USD)').fill('6000');
    await edit.getByRole('button', { name: 'Save scenario' }).click();
    await expect
      .poll(() => cell('lowest').locator('[data-vs]').innerText())
      .toBe(dollars(-600_000));

    // A change whose bill was paid since: said plainly, and left out.
    saveScenario(
      h.db,
      { advisorId: 'local', businessId: client.businessId },
      { name: 'Old plan', changes: [{ kind: 'delay-bill', billId: '999999', date: today }] },
      new Date().toISOString(),
    );
    await page.reload();
    await page.locator(`tr[data-client="${client.businessId}"]`).click();
    await page.getByRole('tab', { name: 'Forecast' }).click();
    const stale = table.locator('tr[data-measure="changes"] td[data-scenario="Old plan"] li');
    await expect
      .poll(() => stale.innerText())
      .toBe(
        `Pay bill 999999 on ${short(today)}\nNo longer applies: bill 999999 is not open any more (paid or removed in QuickBooks). Left out.`,
      );
    expect(
      await table
        .locator('tr[data-measure="lowest"] td[data-scenario="Old plan"] [data-vs]')
        .innerText(),
    ).toBe('no change');
    await axe(page, 'a scenario with a change that no longer applies');

    // Delete, asked once more in place.
    await table.getByRole('button', { name: 'Delete Buy a van' }).click();
    await table.getByRole('button', { name: 'Delete it' }).click();
    await expect.poll(() => cell('lowest').count()).toBe(0);
    expect(await panel.locator('.scenario-done').innerText()).toBe('Scenario “Buy a van” deleted.');
    expect(
      (await rt().call('scenarios:list', { businessId: client.businessId })).map((x) => x.name),
    ).toEqual(['Old plan']);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('makes a scenario from the open bills and invoices and a recurring amount, as the form shows them', async () => {
    const { page, problems } = await openTab('Forecast');
    const panel = page.getByRole('region', { name: /^Scenarios/ });
    await panel.getByRole('button', { name: 'New scenario' }).click();
    const form = page.getByRole('form', { name: 'New scenario' });
    const records = await rt().call('scenarios:open-records', { businessId: client.businessId });
    const bill = records.bills[0]!;
    const invoice = records.invoices[0]!;
    await form.getByLabel('Name').fill('Slow month');
    await form.getByRole('button', { name: '+ Delay a bill' }).click();
    await form.getByRole('button', { name: '+ An invoice paid on a date' }).click();
    await form.getByRole('button', { name: '+ A recurring amount' }).click();
    const delay = form.locator('fieldset[data-change="delay-bill"]');
    // The bill picker names each open bill as the advisor knows it.
    await expect
      .poll(() => delay.getByLabel('Bill').locator('option').count())
      .toBe(records.bills.length + 1);
    await delay.getByLabel('Bill').selectOption(bill.qboId);
    await delay.getByLabel('Days later').fill('14');
    const paid = form.locator('fieldset[data-change="invoice-paid"]');
    await paid.getByLabel('Invoice').selectOption(invoice.qboId);
    const paidOn = addDays(records.today, 30);
    await paid.getByLabel('Paid on').fill(paidOn);
    const monthly = form.locator('fieldset[data-change="recurring"]');
    await monthly.getByLabel('In or out').selectOption('in');
    await monthly.getByLabel('Amount (USD)').fill('2000.50');
    await monthly.getByLabel('How often').selectOption('monthly');
    await monthly.getByLabel('From').fill(records.today);
    // An end before the start is refused next to the field.
    await monthly.getByLabel('Until (optional)').fill(addDays(records.today, -1));
    await form.getByRole('button', { name: 'Save scenario' }).click();
    expect(await monthly.locator('.field-problem').allInnerTexts()).toEqual([
      'Pick today or a later date.',
    ]);
    await monthly.getByLabel('Until (optional)').fill('');
    await form.getByRole('button', { name: 'Save scenario' }).click();
    const table = page.getByRole('table', { name: 'Scenarios compared with the baseline' });
    const changes = table.locator('tr[data-measure="changes"] td[data-scenario="Slow month"] li');
    await expect.poll(() => changes.count()).toBe(3);
    const saved = (await rt().call('scenarios:list', { businessId: client.businessId })).find(
      (x) => x.name === 'Slow month',
    )!;
    expect(saved.changes).toEqual([
      { kind: 'delay-bill-by', billId: bill.qboId, days: 14 },
      { kind: 'invoice-paid', invoiceId: invoice.qboId, date: paidOn },
      { kind: 'recurring', amountCents: 200_050, cadence: 'monthly', from: records.today },
    ]);
    const named = (r: typeof bill, kind: string) => `${r.name} ${kind} ${r.docNumber ?? r.qboId}`;
    expect(await changes.allInnerTexts()).toEqual([
      `Pay ${named(bill, 'bill')} 14 days later`,
      `${named(invoice, 'invoice')} paid on ${short(paidOn)}`,
      `$2,000.50 in every month from ${short(records.today)}`,
    ]);
    // Its figures are forecast:compare's.
    const c = await rt().call('forecast:compare', { businessId: client.businessId });
    const slow = c.scenarios.find((x) => x.name === 'Slow month')!;
    expect(
      await table
        .locator('tr[data-measure="lowest"] td[data-scenario="Slow month"] .figure')
        .innerText(),
    ).toBe(`${dollars(slow.summary.lowest.cashCents)} on ${short(slow.summary.lowest.date)}`);
    await page.getByLabel('On the chart, beside the baseline:').selectOption('Slow month');
    await expect
      .poll(() => panel.locator('.chart-legend').innerText())
      .toBe('Slow month\nBaseline');
    await axe(page, 'two scenarios compared');
    await page.mouse.move(0, 0);
    await page.evaluate(() =>
      document.querySelector('.scenarios')!.scrollIntoView({ block: 'start' }),
    );
    await page.screenshot({ path: `${lookDir}/scenario-comparison-two-1280x800.png` });
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
