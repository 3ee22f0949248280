import { describe, expect, it } from 'vitest';
import type { BillPlan } from '../runway/runway.ts';
import { impactOfMoves, payNowOrDelay, prepareImpacts, withBillsMoved } from './impact.ts';
import { projectCash, type ForecastBill, type ForecastInput } from './projection.ts';

const today = '2024-06-03';
const bill = (
  qboId: string,
  dueDate: string,
  amountCents: number,
  plan: BillPlan | null = null,
): ForecastBill => ({
  qboId,
  dueDate,
  amountCents,
  plan,
  vendorId: null,
  flagged: false,
});
// 100 000 in the bank; a 150 000 bill due 06-13 (day 10); a customer pays 100 000 on 06-23 (day 20).
const input: ForecastInput = {
  today,
  openingCashCents: 100_000,
  invoices: [
    { qboId: 'I1', dueDate: '2024-06-23', amountCents: 100_000, customerId: null, flagged: false },
  ],
  bills: [bill('B1', '2024-06-13', 150_000), bill('B2', '2024-06-30', 20_000)],
  habits: new Map(),
  recurring: [],
  dayToDay: { trailingSpendCents: 0, trailingDays: 84, explainedByRecurringCents: 0 },
};

describe('decision impact by the day', () => {
  it('shows paying now and delaying past the customer payment as different lowest points and runways', () => {
    const { payNow, delay } = payNowOrDelay(prepareImpacts(input), 'B1', '2024-06-25');
    // As it is: day 10 → -50 000 (runway 10 days); day 20 → 50 000; day 27 (B2) → 30 000.
    expect(payNow.before).toEqual({
      lowest: { date: '2024-06-13', cashCents: -50_000 },
      runwayDays: 10,
      firstBelowZero: '2024-06-13',
    });
    // Paid now: today → -50 000, runway 0 days: 10 days less.
    expect(payNow.after).toEqual({
      lowest: { date: today, cashCents: -50_000 },
      runwayDays: 0,
      firstBelowZero: today,
    });
    expect(payNow.runwayChangeDays).toBe(-10);
    expect(payNow.lowestChangeCents).toBe(0);
    // Delayed to 06-25 (day 22): 200 000 on day 20, 50 000 from day 22, 30 000 from day 27; never below zero.
    expect(delay.after).toEqual({
      lowest: { date: '2024-06-30', cashCents: 30_000 },
      runwayDays: null,
      firstBelowZero: null,
    });
    expect(delay.lowestChangeCents).toBe(80_000);
    expect(delay.runwayChangeDays).toBeNull();
  });

  it('moves a bill by N days from where it lands now, an overdue one from today', () => {
    expect(withBillsMoved(input, [{ billId: 'B1', to: 'days', days: 12 }]).bills[0]!.plan).toEqual({
      action: 'delay',
      plannedDate: '2024-06-25',
    });
    const overdue = { ...input, bills: [bill('B9', '2024-05-01', 1_000)] };
    expect(withBillsMoved(overdue, [{ billId: 'B9', to: 'days', days: 7 }]).bills[0]!.plan).toEqual(
      { action: 'delay', plannedDate: '2024-06-10' },
    );
  });

  it('gives the combined effect of a bulk re-date, and names bills it does not know', () => {
    const impact = impactOfMoves(input, [
      { billId: 'B1', to: 'days', days: 12 },
      { billId: 'B2', to: 'date', date: '2024-09-30' }, // after the horizon: out of the 91 days
      { billId: 'B-gone', to: 'pay-now' },
    ]);
    // B1 on day 22 and B2 gone: 100 000 → 200 000 (day 20) → 50 000 (day 22).
    expect(impact.after.lowest).toEqual({ date: '2024-06-25', cashCents: 50_000 });
    expect(impact.lowestChangeCents).toBe(100_000);
    expect(impact.unknownBillIds).toEqual(['B-gone']);
    // The input itself is left as it was: the effect is shown before anything is recorded.
    expect(projectCash(input).lowest.cashCents).toBe(-50_000);
  });
});

describe('what a move does to the days in between', () => {
  it('gives the low of the days the move changes, before and after, where the overall low stays', () => {
    // B2 (20 000, due 06-30, day 27) paid now: cash is 20 000 lower from today to 06-29. Before, the low
    // of those days is -50 000 on 06-13; after, -70 000 the same day. Overall the low was and stays at
    // B1's day, so only the meantime shows the cost of paying early.
    const { payNow, delay } = payNowOrDelay(prepareImpacts(input), 'B2', '2024-07-10');
    expect(payNow.meantime).toEqual({
      from: today,
      until: '2024-06-30',
      lowestBefore: { date: '2024-06-13', cashCents: -50_000 },
      lowestAfter: { date: '2024-06-13', cashCents: -70_000 },
    });
    // Delayed to 07-10 (day 37): 20 000 more from 06-30 to 07-09; the low of those days rises with it.
    expect(delay.meantime).toEqual({
      from: '2024-06-30',
      until: '2024-07-10',
      lowestBefore: { date: '2024-06-30', cashCents: 30_000 },
      lowestAfter: { date: '2024-06-30', cashCents: 50_000 },
    });
  });

  it('is null when no day changes: an overdue bill paid now already lands today', () => {
    const overdue = { ...input, bills: [bill('B9', '2024-05-20', 5_000)] };
    expect(impactOfMoves(overdue, [{ billId: 'B9', to: 'pay-now' }]).meantime).toBeNull();
  });
});
