import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../dates.ts';
import type { BillPlan } from '../runway/runway.ts';
import { cadences } from './cadence.ts';
import type { PayingHabit } from './habits.ts';
import { withBillsMoved } from './impact.ts';
import {
  billDate,
  projectCash,
  type ForecastBill,
  type ForecastInput,
  type ForecastInvoice,
} from './projection.ts';
import type { ChosenRecurringItem } from './recurring.ts';
import {
  applyScenario,
  describeChange,
  recurringDates,
  scenarioProblems,
  type ScenarioChange,
} from './scenario.ts';

const today = '2024-06-03'; // day 0; day 90 = 2024-09-01
const noSpend = { trailingSpendCents: 0, trailingDays: 84, explainedByRecurringCents: 0 };
const bill = (qboId: string, dueDate: string, amountCents: number): ForecastBill => ({
  qboId,
  dueDate,
  amountCents,
  plan: null,
  vendorId: null,
  flagged: false,
});
const invoice = (
  qboId: string,
  dueDate: string,
  amountCents: number,
  customerId: string | null = null,
): ForecastInvoice => ({ qboId, dueDate, amountCents, customerId, flagged: false });
const habit = (customerId: string, medianDaysLate: number): PayingHabit => ({
  customerId,
  basis: 'habit',
  medianDaysLate,
  spreadDays: 2,
  sampleSize: 5,
});
// 100 000 in the bank; a 150 000 bill due 06-13 (day 10); a customer who pays 7 days late owes 100 000
// due 06-16, expected 06-23 (day 20). As it is: 100 000 on days 0-9, -50 000 on days 10-19 (runway 10
// days), 50 000 from day 20 on.
const base: ForecastInput = {
  today,
  openingCashCents: 100_000,
  invoices: [invoice('I1', '2024-06-16', 100_000, 'C1')],
  bills: [bill('B1', '2024-06-13', 150_000)],
  habits: new Map([['C1', habit('C1', 7)]]),
  recurring: [],
  dayToDay: noSpend,
};
const run = (changes: ScenarioChange[]) => {
  const applied = applyScenario(base, changes);
  return { ...applied, f: projectCash(applied.input) };
};
const cash = (f: ReturnType<typeof projectCash>) => f.projection.map((d) => d.cashCents);
/** 91 days of cash from runs of [from-day, amount]: amount from that day until the next run. */
const runs = (...steps: [number, number][]) =>
  Array.from({ length: 91 }, (_, k) => steps.filter(([d]) => d <= k).at(-1)![1]);

describe('scenario changes, hand-computed', () => {
  it('the baseline as described', () => {
    const f = projectCash(base);
    expect(cash(f)).toEqual(runs([0, 100_000], [10, -50_000], [20, 50_000]));
    expect(f.runwayDays).toBe(10);
  });

  it('delay a bill to a date: paid on that date', () => {
    // B1 on 06-25 (day 22): 100 000 until day 19, 200 000 on days 20-21, 50 000 from day 22.
    const { f, noLongerApplies } = run([{ kind: 'delay-bill', billId: 'B1', date: '2024-06-25' }]);
    expect(noLongerApplies).toEqual([]);
    expect(cash(f)).toEqual(runs([0, 100_000], [20, 200_000], [22, 50_000]));
    expect(f.runwayDays).toBeNull();
    expect(f.lowest).toEqual({ date: '2024-06-25', cashCents: 50_000 });
    expect(f.placements.find((p) => p.id === 'B1')).toMatchObject({
      date: '2024-06-25',
      basis: 'planned',
    });
  });

  it('delay a bill by N days: from where it lands now (its due date; an overdue one today)', () => {
    // B1 due 06-13 + 14 days = 06-27 (day 24).
    const { f } = run([{ kind: 'delay-bill-by', billId: 'B1', days: 14 }]);
    expect(cash(f)).toEqual(runs([0, 100_000], [20, 200_000], [24, 50_000]));
    // An overdue bill (due 05-20) lands today; 7 days later is 06-10 (day 7).
    const overdue = applyScenario({ ...base, bills: [bill('B1', '2024-05-20', 150_000)] }, [
      { kind: 'delay-bill-by', billId: 'B1', days: 7 },
    ]);
    expect(cash(projectCash(overdue.input))).toEqual(
      runs([0, 100_000], [7, -50_000], [20, 50_000]),
    );
  });

  it('an invoice paid on a date: instead of the customer habit', () => {
    // I1 on 06-10 (day 7), before B1: 200 000 on days 7-9, 50 000 from day 10; never below zero.
    const { f } = run([{ kind: 'invoice-paid', invoiceId: 'I1', date: '2024-06-10' }]);
    expect(cash(f)).toEqual(runs([0, 100_000], [7, 200_000], [10, 50_000]));
    expect(f.runwayDays).toBeNull();
    expect(f.placements.find((p) => p.id === 'I1')).toMatchObject({
      date: '2024-06-10',
      basis: 'planned',
    });
  });

  it('a one-off amount in or out on a date', () => {
    // +60 000 on 06-12 (day 9): 160 000 on day 9, 10 000 on days 10-19, 110 000 from day 20.
    const inflow = run([{ kind: 'one-off', amountCents: 60_000, date: '2024-06-12' }]).f;
    expect(cash(inflow)).toEqual(runs([0, 100_000], [9, 160_000], [10, 10_000], [20, 110_000]));
    expect(inflow.runwayDays).toBeNull();
    // -30 000 on 06-05 (day 2): 70 000 on days 2-9, -80 000 on days 10-19, 20 000 from day 20.
    const outflow = run([{ kind: 'one-off', amountCents: -30_000, date: '2024-06-05' }]).f;
    expect(cash(outflow)).toEqual(runs([0, 100_000], [2, 70_000], [10, -80_000], [20, 20_000]));
    expect(outflow.lowest).toEqual({ date: '2024-06-13', cashCents: -80_000 });
    // The advisor's own amounts leave the confidence shares as they were.
    expect(outflow.confidence).toEqual(projectCash(base).confidence);
  });

  it('a recurring amount from a date, every week, 2 weeks or month, until a date', () => {
    // -10 000 every week from 06-05 (day 2): days 2, 9, …, 86 (13 times) → 130 000 out by the end.
    const weekly = run([
      { kind: 'recurring', amountCents: -10_000, cadence: 'weekly', from: '2024-06-05' },
    ]).f;
    expect(weekly.projection.filter((d) => d.outCents === 10_000).map((d) => d.date)).toEqual(
      Array.from({ length: 13 }, (_, k) => addDays('2024-06-05', 7 * k)),
    );
    expect(weekly.projection[9]!.cashCents).toBe(80_000); // 100 000 - 2 × 10 000
    expect(weekly.projection[10]!.cashCents).toBe(-70_000);
    expect(weekly.projection[90]!.cashCents).toBe(50_000 - 130_000);
    // Until 06-19: days 2, 9, 16 only.
    const until = run([
      {
        kind: 'recurring',
        amountCents: -10_000,
        cadence: 'weekly',
        from: '2024-06-05',
        until: '2024-06-19',
      },
    ]).f;
    expect(until.projection[90]!.cashCents).toBe(50_000 - 30_000);
    // +25 000 every 2 weeks from today: days 0, 14, …, 84 (7 times).
    const biweekly = run([
      { kind: 'recurring', amountCents: 25_000, cadence: 'biweekly', from: today, label: 'grant' },
    ]).f;
    expect(biweekly.projection[0]!.inCents).toBe(25_000);
    expect(biweekly.projection[90]!.cashCents).toBe(50_000 + 7 * 25_000);
    expect(biweekly.placements.find((p) => p.kind === 'adjustment')).toMatchObject({
      id: 'change-1',
      direction: 'in',
      basis: 'scenario',
    });
    // Monthly keeps the day of the month, clamped to short months; a start in the past counts from today.
    expect(
      recurringDates(
        { kind: 'recurring', amountCents: 1, cadence: 'monthly', from: '2024-01-31' },
        '2024-01-29',
      ),
    ).toEqual(['2024-01-31', '2024-02-29', '2024-03-31']);
    expect(
      recurringDates(
        { kind: 'recurring', amountCents: 1, cadence: 'monthly', from: '2024-05-15' },
        today,
      ),
    ).toEqual(['2024-06-15', '2024-07-15', '2024-08-15']);
  });

  it('a change that no longer applies is reported and left out, the rest applied', () => {
    const changes: ScenarioChange[] = [
      { kind: 'delay-bill', billId: 'B9', date: '2024-06-25' },
      { kind: 'invoice-paid', invoiceId: 'I9', date: '2024-06-10' },
      { kind: 'one-off', amountCents: -5_000, date: '2024-06-01' },
      {
        kind: 'recurring',
        amountCents: -5_000,
        cadence: 'weekly',
        from: '2024-05-01',
        until: '2024-05-31',
      },
      { kind: 'delay-bill', billId: 'B1', date: '2024-06-25' },
    ];
    const { f, noLongerApplies } = run(changes);
    expect(noLongerApplies.map((c) => [c.index, c.reason])).toEqual([
      [0, 'bill B9 is not open any more (paid or removed in QuickBooks)'],
      [1, 'invoice I9 is not open any more (paid or removed in QuickBooks)'],
      [2, 'its date 2024-06-01 has passed'],
      [3, 'it ended on 2024-05-31'],
    ]);
    expect(f.lowest).toEqual({ date: '2024-06-25', cashCents: 50_000 });
  });
});

describe('scenario problems, in the advisor words', () => {
  it('refuses an empty or long name, a past date, a zero amount, a bill changed twice, an end before the start', () => {
    expect(scenarioProblems({ name: '  ', changes: [] }, today)).toEqual([
      'the scenario needs a name',
      'the scenario has no changes',
    ]);
    expect(scenarioProblems({ name: 'x'.repeat(61), changes: [] }, today)[0]).toBe(
      'the name is 61 characters; at most 60',
    );
    expect(
      scenarioProblems(
        {
          name: 'Slow quarter',
          changes: [
            { kind: 'delay-bill', billId: 'B1', date: '2024-06-01' },
            { kind: 'delay-bill-by', billId: 'B1', days: 7 },
            { kind: 'one-off', amountCents: 0, date: '2024-06-10' },
            {
              kind: 'recurring',
              amountCents: -100_00,
              cadence: 'monthly',
              from: '2024-07-01',
              until: '2024-06-20',
            },
            { kind: 'invoice-paid', invoiceId: 'I1', date: '2024-02-30' },
          ],
        },
        today,
      ),
    ).toEqual([
      'change 1 (pay bill B1 on 2024-06-01): the date 2024-06-01 is before today (2024-06-03)',
      'change 2 (pay bill B1 7 days later): bill B1 is already changed by change 1',
      'change 3 (+$0.00 on 2024-06-10): the amount is zero, which changes nothing',
      'change 4 (-$100.00 every month from 2024-07-01 until 2024-06-20): the end 2024-06-20 is before the start 2024-07-01',
      'change 5 (invoice I1 paid on 2024-02-30): the date is not a date (YYYY-MM-DD): 2024-02-30',
    ]);
    expect(
      scenarioProblems(
        { name: ' ok ', changes: [{ kind: 'delay-bill-by', billId: 'B1', days: 14 }] },
        today,
      ),
    ).toEqual([]);
  });

  it('describes each change', () => {
    expect(
      describeChange({ kind: 'one-off', amountCents: -120_000, date: '2024-07-01', label: 'tax' }),
    ).toBe('-$1,200.00 on 2024-07-01 (tax)');
    expect(
      describeChange(
        { kind: 'recurring', amountCents: 50_000, cadence: 'biweekly', from: '2024-07-01' },
        'CAD',
      ),
    ).toBe('+CAD 500.00 every 2 weeks from 2024-07-01');
  });
});

// ---- properties ----
const date = fc.integer({ min: -40, max: 120 }).map((d) => addDays(today, d));
const cents = fc.integer({ min: 1, max: 2_000_000 });
const planArb: fc.Arbitrary<BillPlan | null> = fc.oneof(
  fc.constant(null),
  fc.record({ action: fc.constant<'pay_now'>('pay_now'), plannedDate: fc.constant(null) }),
  fc.record({ action: fc.constant<'hold'>('hold'), plannedDate: fc.constant(null) }),
  fc.record({ action: fc.constant<'delay'>('delay'), plannedDate: fc.option(date) }),
);
// Few counterparties, so open records often stand for recurring occurrences (the overlap rule is exercised).
const party = (prefix: string) => fc.option(fc.constantFrom(`${prefix}1`, `${prefix}2`));
const itemArb: fc.Arbitrary<ChosenRecurringItem> = fc
  .record({
    p: fc.constantFrom('1', '2'),
    direction: fc.constantFrom<'in' | 'out'>('in', 'out'),
    cadence: fc.constantFrom(...cadences.map((c) => c.cadence)),
    last: fc.integer({ min: -30, max: -1 }),
    amountCents: cents,
    state: fc.constantFrom<ChosenRecurringItem['state']>('expected', 'confirmed', 'ignored'),
  })
  .map(({ p, direction, cadence, last, amountCents, state }) => {
    const counterpartyId = `${direction === 'in' ? 'C' : 'V'}${p}`;
    return {
      key: `${direction}:${counterpartyId}`,
      counterpartyId,
      name: counterpartyId,
      direction,
      cadence,
      intervalDays: 30,
      amountCents,
      detectedAmountCents: amountCents,
      lastDate: addDays(today, last),
      nextDate: addDays(today, last + 7),
      occurrences: 4,
      confidence: 0.5,
      state,
    };
  });
const inputArb: fc.Arbitrary<ForecastInput> = fc.record({
  today: fc.constant(today),
  openingCashCents: fc.integer({ min: -1_000_000, max: 10_000_000 }),
  invoices: fc.uniqueArray(
    fc.record({
      qboId: fc.uuid(),
      dueDate: fc.option(date),
      amountCents: cents,
      customerId: party('C'),
      flagged: fc.boolean(),
    }),
    { maxLength: 6, selector: (i) => i.qboId },
  ),
  bills: fc.uniqueArray(
    fc.record({
      qboId: fc.uuid(),
      dueDate: fc.option(date),
      amountCents: cents,
      plan: planArb,
      vendorId: party('V'),
      flagged: fc.boolean(),
    }),
    { minLength: 1, maxLength: 6, selector: (b) => b.qboId },
  ),
  habits: fc
    .array(fc.integer({ min: -10, max: 40 }), { minLength: 2, maxLength: 2 })
    .map((m) => new Map(m.map((d, i) => [`C${i + 1}`, habit(`C${i + 1}`, d)]))),
  recurring: fc.uniqueArray(itemArb, { maxLength: 4, selector: (i) => i.key }),
  dayToDay: fc.record({
    trailingSpendCents: fc.integer({ min: 0, max: 5_000_000 }),
    trailingDays: fc.constant(84),
    explainedByRecurringCents: fc.integer({ min: 0, max: 2_000_000 }),
  }),
});
/** Delays of some of the input's bills: each later than (or on) the day it lands now. */
const delaysOf = (inp: ForecastInput): fc.Arbitrary<ScenarioChange[]> =>
  fc
    .array(
      fc.record({ pick: fc.nat(), by: fc.integer({ min: 0, max: 150 }), toDate: fc.boolean() }),
      { minLength: 1, maxLength: 4 },
    )
    .map((ds) => {
      const byBill = new Map<string, ScenarioChange>();
      for (const { pick, by, toDate } of ds) {
        const b = inp.bills[pick % inp.bills.length]!;
        const planned = billDate(today, b);
        const landed = planned < today ? today : planned;
        byBill.set(
          b.qboId,
          toDate
            ? { kind: 'delay-bill', billId: b.qboId, date: addDays(landed, by) }
            : { kind: 'delay-bill-by', billId: b.qboId, days: Math.max(1, by) },
        );
      }
      return [...byBill.values()];
    });
const everyDay = (
  a: ReturnType<typeof projectCash>,
  b: ReturnType<typeof projectCash>,
  holds: (x: number, y: number) => boolean,
) => a.projection.every((d, k) => holds(d.cashCents, b.projection[k]!.cashCents));

describe('scenario properties', () => {
  it('a scenario that only delays bills never lowers cash on any day, nor shortens the runway', () => {
    fc.assert(
      fc.property(
        inputArb.chain((inp) => fc.tuple(fc.constant(inp), delaysOf(inp))),
        ([inp, changes]) => {
          const before = projectCash(inp);
          const applied = applyScenario(inp, changes);
          expect(applied.noLongerApplies).toEqual([]);
          const after = projectCash(applied.input);
          expect(everyDay(after, before, (x, y) => x >= y)).toBe(true);
          if (before.runwayDays === null) expect(after.runwayDays).toBeNull();
          else if (after.runwayDays !== null)
            expect(after.runwayDays).toBeGreaterThanOrEqual(before.runwayDays);
          // The same as the bulk re-date of those bills (one rule for both).
          const moves = changes.map((c) =>
            c.kind === 'delay-bill'
              ? { billId: c.billId, to: 'date' as const, date: c.date }
              : {
                  billId: (c as { billId: string }).billId,
                  to: 'days' as const,
                  days: (c as { days: number }).days,
                },
          );
          expect(after.projection).toEqual(projectCash(withBillsMoved(inp, moves)).projection);
        },
      ),
    );
  });

  it('an added one-off or recurring outflow never raises any day cash (an inflow never lowers it)', () => {
    fc.assert(
      fc.property(
        inputArb,
        fc.integer({ min: 0, max: 120 }),
        cents,
        fc.constantFrom('weekly', 'biweekly', 'monthly', null),
        (inp, day, amount, cadence) => {
          const on = addDays(today, day);
          const change = (amountCents: number): ScenarioChange =>
            cadence === null
              ? { kind: 'one-off', amountCents, date: on }
              : { kind: 'recurring', amountCents, cadence, from: on };
          const before = projectCash(inp);
          const out = projectCash(applyScenario(inp, [change(-amount)]).input);
          const inflow = projectCash(applyScenario(inp, [change(amount)]).input);
          expect(everyDay(out, before, (x, y) => x <= y)).toBe(true);
          expect(everyDay(inflow, before, (x, y) => x >= y)).toBe(true);
          expect(out.lowest.cashCents).toBeLessThanOrEqual(before.lowest.cashCents);
          // Inside the horizon the whole amount shows by the last day.
          if (cadence === null && day < 91)
            expect(out.projection[90]!.cashCents).toBe(before.projection[90]!.cashCents - amount);
        },
      ),
    );
  });
});
