import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../dates.ts';
import { toHomeCents, type BillPlan } from '../runway/runway.ts';
import type { PayingHabit } from './habits.ts';
import {
  billDate,
  projectCash,
  type ForecastBill,
  type ForecastInput,
  type ForecastInvoice,
} from './projection.ts';
import { impactOfMoves, withBillsMoved, type BillMove } from './impact.ts';
import { cadences } from './cadence.ts';
import type { ChosenRecurringItem } from './recurring.ts';

const today = '2024-06-03'; // day 0; day 90 = 2024-09-01
const noSpend = { trailingSpendCents: 0, trailingDays: 84, explainedByRecurringCents: 0 };
const invoice = (
  qboId: string,
  dueDate: string | null,
  amountCents: number,
  customerId: string | null = null,
  flagged = false,
): ForecastInvoice => ({ qboId, dueDate, amountCents, customerId, flagged });
const bill = (
  qboId: string,
  dueDate: string | null,
  amountCents: number,
  plan: BillPlan | null = null,
  vendorId: string | null = null,
  flagged = false,
): ForecastBill => ({ qboId, dueDate, amountCents, plan, vendorId, flagged });
const habit = (customerId: string, medianDaysLate: number): PayingHabit => ({
  customerId,
  basis: 'habit',
  medianDaysLate,
  spreadDays: 2,
  sampleSize: 5,
});
const rentItem = (
  state: ChosenRecurringItem['state'] = 'expected',
  amountCents = 250_000,
): ChosenRecurringItem => ({
  key: 'out:V-rent',
  counterpartyId: 'V-rent',
  name: 'Landlord',
  direction: 'out',
  cadence: 'monthly',
  intervalDays: 30,
  amountCents,
  detectedAmountCents: 250_000,
  lastDate: '2024-05-01',
  nextDate: '2024-06-01',
  occurrences: 5,
  confidence: 0.7,
  state,
});
const input = (over: Partial<ForecastInput>): ForecastInput => ({
  today,
  openingCashCents: 0,
  invoices: [],
  bills: [],
  habits: new Map(),
  recurring: [],
  dayToDay: noSpend,
  ...over,
});
const cashOn = (f: ReturnType<typeof projectCash>, day: number) => f.projection[day]!.cashCents;

describe('daily projection, hand-computed', () => {
  it('places invoices by habit or due date, and bills by plan, hold or due date', () => {
    const f = projectCash(
      input({
        openingCashCents: 1_000_000,
        habits: new Map([['C1', habit('C1', 7)]]),
        invoices: [
          invoice('I1', '2024-06-10', 200_000, 'C1'), // habit: 7 days late → 06-17, day 14
          invoice('I2', '2024-06-05', 50_000, 'C2'), // no history: due date, day 2
          invoice('I3', '2024-05-01', 70_000), // 33 days past due → collections
          invoice('I4', null, 80_000), // no due date → left out
        ],
        bills: [
          bill('B1', '2024-06-07', 100_000), // due date, day 4
          bill('B2', '2024-05-20', 30_000, { action: 'hold', plannedDate: null }), // held, overdue → today
          bill('B3', '2024-06-04', 40_000, { action: 'delay', plannedDate: '2024-06-20' }), // day 17
          bill('B4', '2024-07-01', 20_000, { action: 'pay_now', plannedDate: null }), // today
          bill('B5', '2024-09-10', 60_000), // day 99 → beyond the horizon
        ],
      }),
    );
    expect(f.projection).toHaveLength(91);
    expect(f.projection[0]).toEqual({
      date: today,
      cashCents: 950_000,
      inCents: 0,
      outCents: 50_000,
    });
    expect(cashOn(f, 2)).toBe(1_000_000);
    expect(cashOn(f, 4)).toBe(900_000);
    expect(cashOn(f, 14)).toBe(1_100_000);
    expect(cashOn(f, 17)).toBe(1_060_000);
    expect(cashOn(f, 90)).toBe(1_060_000);
    expect(f.lowest).toEqual({ date: '2024-06-07', cashCents: 900_000 });
    expect(f.runwayDays).toBeNull();
    expect(f.firstBelowZero).toBeNull();
    expect(f.heldCents).toBe(30_000);
    expect(f.excluded).toEqual({
      collectionsCents: 70_000,
      beyondHorizonCents: 60_000,
      noDueDateInvoiceCents: 80_000,
      coveredByRecordCents: 0,
    });
    expect(f.placements.find((p) => p.id === 'I1')).toMatchObject({
      date: '2024-06-17',
      basis: 'habit',
    });
    expect(f.placements.find((p) => p.id === 'B2')).toMatchObject({ date: today, basis: 'held' });
  });

  it("keeps a late payer's overdue invoice out of collections until 30 days past the expected date", () => {
    const habits = new Map([['C9', habit('C9', 20)]]);
    // Due 35 days ago, usually paid 20 days late → expected 15 days ago: still expected, today.
    const f = projectCash(
      input({ habits, invoices: [invoice('I', addDays(today, -35), 10_000, 'C9')] }),
    );
    expect(f.projection[0]!.inCents).toBe(10_000);
    const g = projectCash(
      input({ habits, invoices: [invoice('I', addDays(today, -50), 10_000, 'C9')] }),
    );
    expect(g.excluded.collectionsCents).toBe(10_000);
  });

  it('spends the day-to-day rate every day and finds the runway in days and the lowest point', () => {
    // 84 000 over 84 days → 1 000 a day; 50 000 opening: day k ends at 50 000 - 1 000 (k + 1).
    const f = projectCash(
      input({
        openingCashCents: 50_000,
        dayToDay: { trailingSpendCents: 84_000, trailingDays: 84, explainedByRecurringCents: 0 },
      }),
    );
    expect(f.dailySpendCents).toBe(1_000);
    expect(cashOn(f, 0)).toBe(49_000);
    expect(cashOn(f, 49)).toBe(0); // zero is not below zero
    expect(cashOn(f, 50)).toBe(-1_000);
    expect(f.runwayDays).toBe(50);
    expect(f.firstBelowZero).toBe('2024-07-23');
    expect(f.lowest).toEqual({ date: '2024-09-01', cashCents: -41_000 });
  });

  it('projects a recurring outflow on its days, skips the one an open bill stands for, and leaves an ignored one out', () => {
    const rentBill = bill(
      'B-rent',
      '2024-07-01',
      250_000,
      { action: 'delay', plannedDate: '2024-07-10' },
      'V-rent',
    );
    const f = projectCash(
      input({ openingCashCents: 2_000_000, recurring: [rentItem()], bills: [rentBill] }),
    );
    // 06-01 (overdue, not seen yet) → today; 07-01 is the open bill's (paid 07-10, day 37); 08-01 day 59; 09-01 day 90.
    expect(f.placements.filter((p) => p.kind === 'recurring').map((p) => p.date)).toEqual([
      today,
      '2024-08-01',
      '2024-09-01',
    ]);
    expect(f.excluded.coveredByRecordCents).toBe(250_000);
    expect(cashOn(f, 0)).toBe(1_750_000);
    expect(cashOn(f, 37)).toBe(1_500_000);
    expect(cashOn(f, 90)).toBe(1_000_000);
    expect(
      projectCash(input({ openingCashCents: 2_000_000, recurring: [rentItem('ignored')] })).lowest
        .cashCents,
    ).toBe(2_000_000);
    expect(
      projectCash(input({ openingCashCents: 2_000_000, recurring: [rentItem('changed', 200_000)] }))
        .lowest.cashCents,
    ).toBe(1_200_000);
  });

  it('says how much rests on flagged records, learned habits and unconfirmed recurring guesses', () => {
    const base = {
      habits: new Map([['C1', habit('C1', 3)]]),
      invoices: [invoice('I1', '2024-06-10', 250_000, 'C1')],
      bills: [bill('B1', '2024-06-10', 250_000, null, null, true)],
    };
    // Placed: invoice 250 000 (habit) + bill 250 000 (flagged) + rent on day 0, 28, 59, 90 (4 × 250 000 guessed).
    const f = projectCash(input({ ...base, recurring: [rentItem()] }));
    expect(f.confidence).toEqual({
      flaggedShare: 250_000 / 1_500_000,
      habitShare: 250_000 / 1_500_000,
      recurringShare: 1_000_000 / 1_500_000,
    });
    expect(
      projectCash(input({ ...base, recurring: [rentItem('confirmed')] })).confidence.recurringShare,
    ).toBe(0);
    expect(projectCash(input({})).confidence).toEqual({
      flaggedShare: 0,
      habitShare: 0,
      recurringShare: 0,
    });
  });

  it('places a foreign-currency bill at its home-currency value (converted by runway.ts toHomeCents)', () => {
    const home = toHomeCents(10_000, 'EUR', 'USD', 1.1)!; // €100 at 1.1 → $110
    const f = projectCash(
      input({ openingCashCents: 100_000, bills: [bill('B-eur', today, home, null, null, true)] }),
    );
    expect(cashOn(f, 0)).toBe(89_000);
    expect(f.confidence.flaggedShare).toBe(1);
  });
});

// ---- properties ----
const days = fc.integer({ min: -40, max: 120 });
const date = days.map((d) => addDays(today, d));
const planArb: fc.Arbitrary<BillPlan | null> = fc.oneof(
  fc.constant(null),
  fc.record({ action: fc.constant<'pay_now'>('pay_now'), plannedDate: fc.constant(null) }),
  fc.record({ action: fc.constant<'hold'>('hold'), plannedDate: fc.constant(null) }),
  fc.record({ action: fc.constant<'delay'>('delay'), plannedDate: fc.option(date) }),
);
const cents = fc.integer({ min: 1, max: 2_000_000 });
const party = (prefix: string) =>
  // Few counterparties, so open records often stand for recurring occurrences (the overlap rule is exercised).
  fc.option(fc.constantFrom(`${prefix}1`, `${prefix}2`), { freq: 4 });
const itemArb: fc.Arbitrary<ChosenRecurringItem> = fc
  .record({
    party: fc.constantFrom('1', '2', '3'),
    direction: fc.constantFrom<'in' | 'out'>('in', 'out'),
    cadence: fc.constantFrom(...cadences.map((c) => c.cadence)),
    last: fc.integer({ min: -30, max: -1 }),
    amountCents: cents,
    state: fc.constantFrom<ChosenRecurringItem['state']>(
      'expected',
      'confirmed',
      'changed',
      'ignored',
    ),
  })
  .map(({ party: p, direction, cadence, last, amountCents, state }) => {
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
  invoices: fc.array(
    fc.record({
      qboId: fc.uuid(),
      dueDate: fc.option(date),
      amountCents: cents,
      customerId: party('C'),
      flagged: fc.boolean(),
    }),
    { maxLength: 8 },
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
    { maxLength: 8, selector: (b) => b.qboId },
  ),
  habits: fc
    .array(fc.integer({ min: -10, max: 40 }), { minLength: 3, maxLength: 3 })
    .map((m) => new Map(m.map((d, i) => [`C${i + 1}`, habit(`C${i + 1}`, d)]))),
  recurring: fc.uniqueArray(itemArb, { maxLength: 5, selector: (i) => i.key }),
  dayToDay: fc.record({
    trailingSpendCents: fc.integer({ min: 0, max: 5_000_000 }),
    trailingDays: fc.constant(84),
    explainedByRecurringCents: fc.integer({ min: 0, max: 2_000_000 }),
  }),
});

describe('projection properties', () => {
  it("day 0 is opening cash plus day 0's movements, and every day follows from the one before", () => {
    fc.assert(
      fc.property(inputArb, (inp) => {
        const f = projectCash(inp);
        expect(f.projection).toHaveLength(91);
        expect(f.projection[0]!.date).toBe(today);
        expect(f.projection[0]!.cashCents).toBe(
          inp.openingCashCents + f.projection[0]!.inCents - f.projection[0]!.outCents,
        );
        for (let k = 1; k < 91; k++) {
          const d = f.projection[k]!;
          expect(d.cashCents).toBe(f.projection[k - 1]!.cashCents + d.inCents - d.outCents);
        }
        expect(f.lowest.cashCents).toBe(Math.min(...f.projection.map((d) => d.cashCents)));
      }),
    );
  });

  it('delaying a bill never lowers cash on any day and never shortens the runway', () => {
    fc.assert(
      fc.property(
        inputArb.filter((i) => i.bills.length > 0),
        fc.nat(),
        fc.integer({ min: 0, max: 150 }),
        fc.boolean(),
        (inp, pick, by, toDate) => {
          const target = inp.bills[pick % inp.bills.length]!;
          const before = projectCash(inp);
          // Where the bill pays now: today for an overdue one, possibly after the horizon.
          const planned = billDate(today, target);
          const landed = planned < today ? today : planned;
          const move = toDate
            ? { billId: target.qboId, to: 'date' as const, date: addDays(landed, by) }
            : { billId: target.qboId, to: 'days' as const, days: by };
          const impact = impactOfMoves(inp, [move]);
          const after = projectCash({
            ...inp,
            bills: inp.bills.map((b) =>
              b === target
                ? {
                    ...b,
                    plan: {
                      action: 'delay',
                      plannedDate: toDate ? move.date! : addDays(landed, by),
                    },
                  }
                : b,
            ),
          });
          for (let k = 0; k < 91; k++)
            expect(after.projection[k]!.cashCents).toBeGreaterThanOrEqual(
              before.projection[k]!.cashCents,
            );
          if (before.runwayDays !== null && after.runwayDays !== null)
            expect(after.runwayDays).toBeGreaterThanOrEqual(before.runwayDays);
          if (before.runwayDays === null) expect(after.runwayDays).toBeNull();
          expect(impact.after).toEqual({
            lowest: after.lowest,
            runwayDays: after.runwayDays,
            firstBelowZero: after.firstBelowZero,
          });
          expect(impact.lowestChangeCents).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('confirming a recurring outflow never raises the lowest point', () => {
    fc.assert(
      fc.property(inputArb, itemArb, (inp, extra) => {
        const out = {
          ...extra,
          direction: 'out' as const,
          counterpartyId: 'V-extra',
          key: 'out:V-extra',
        };
        for (const state of ['expected', 'ignored'] as const) {
          const before = projectCash({ ...inp, recurring: [...inp.recurring, { ...out, state }] });
          const after = projectCash({
            ...inp,
            recurring: [...inp.recurring, { ...out, state: 'confirmed' }],
          });
          expect(after.lowest.cashCents).toBeLessThanOrEqual(before.lowest.cashCents);
          for (let k = 0; k < 91; k++)
            expect(after.projection[k]!.cashCents).toBeLessThanOrEqual(
              before.projection[k]!.cashCents,
            );
        }
      }),
    );
  });

  it('a bulk re-date shows exactly what the re-run projection will show once recorded', () => {
    const moveArb = (ids: string[]): fc.Arbitrary<BillMove> =>
      fc.oneof(
        fc.record({
          billId: fc.constantFrom(...ids, 'unknown'),
          to: fc.constant<'pay-now'>('pay-now'),
        }),
        fc.record({ billId: fc.constantFrom(...ids), to: fc.constant<'date'>('date'), date }),
        fc.record({
          billId: fc.constantFrom(...ids),
          to: fc.constant<'days'>('days'),
          days: fc.integer({ min: -30, max: 120 }),
        }),
      );
    const withMoves = inputArb
      .filter((i) => i.bills.length > 0)
      .chain((inp) =>
        fc.tuple(
          fc.constant(inp),
          fc.array(moveArb(inp.bills.map((b) => b.qboId)), { maxLength: 6 }),
        ),
      );
    fc.assert(
      fc.property(withMoves, ([inp, moves]) => {
        const rerun = projectCash(withBillsMoved(inp, moves));
        const impact = impactOfMoves(inp, moves);
        expect(impact.after).toEqual({
          lowest: rerun.lowest,
          runwayDays: rerun.runwayDays,
          firstBelowZero: rerun.firstBelowZero,
        });
        expect(impact.before.lowest).toEqual(projectCash(inp).lowest);
      }),
    );
  });
});
