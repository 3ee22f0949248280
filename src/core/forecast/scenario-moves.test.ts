import { describe, expect, it } from 'vitest';
import type { ForecastBill, ForecastInput } from './projection.ts';
import { moveProblems, previewMoves } from './scenario-moves.ts';

const today = '2024-06-03';
const bill = (qboId: string, dueDate: string, amountCents: number): ForecastBill => ({
  qboId,
  dueDate,
  amountCents,
  plan: null,
  vendorId: null,
  flagged: false,
});
// 100 000 in the bank; bills of 60 000 due 06-05 (day 2) and 70 000 overdue since 05-20 (today);
// a customer pays 200 000 on 06-23 (day 20). As it is: 30 000 today, -30 000 from day 2 (runway 2 days),
// 170 000 from day 20.
const input: ForecastInput = {
  today,
  openingCashCents: 100_000,
  invoices: [
    { qboId: 'I1', dueDate: '2024-06-23', amountCents: 200_000, customerId: null, flagged: false },
  ],
  bills: [bill('B1', '2024-06-05', 60_000), bill('B2', '2024-05-20', 70_000)],
  habits: new Map(),
  recurring: [],
  dayToDay: { trailingSpendCents: 0, trailingDays: 84, explainedByRecurringCents: 0 },
};

describe('bulk re-date', () => {
  it('moves several bills by N days and shows the combined effect, before and after', () => {
    // B1 06-05 → 06-26 (day 23); B2 overdue → today + 21 = 06-24 (day 21): 100 000 until day 19,
    // 300 000 on day 20, 230 000 on day 21, 170 000 from day 23.
    const p = previewMoves(input, [
      { billId: 'B1', to: 'days', days: 21 },
      { billId: 'B2', to: 'days', days: 21 },
      { billId: 'B404', to: 'pay-now' },
    ]);
    expect(p.before).toMatchObject({
      runwayDays: 2,
      firstBelowZero: '2024-06-05',
      lowest: { date: '2024-06-05', cashCents: -30_000 },
    });
    expect(p.after).toMatchObject({
      runwayDays: null,
      firstBelowZero: null,
      lowest: { date: today, cashCents: 100_000 },
    });
    expect(p.lowestChangeCents).toBe(130_000);
    expect(p.runwayChangeDays).toBeNull();
    expect(p.after.projection[21]!.cashCents).toBe(230_000);
    expect(p.before.projection).toHaveLength(91);
    expect(p.moved).toEqual([
      { billId: 'B1', amountCents: 60_000, fromDate: '2024-06-05', toDate: '2024-06-26' },
      { billId: 'B2', amountCents: 70_000, fromDate: today, toDate: '2024-06-24' },
    ]);
    expect(p.unknownBillIds).toEqual(['B404']);
  });

  it('pay now and to a date; runway change in days when both end', () => {
    // B1 paid now: -30 000 from today (runway 0 days, 2 days less); lowest unchanged.
    const p = previewMoves(input, [{ billId: 'B1', to: 'pay-now' }]);
    expect(p.after.runwayDays).toBe(0);
    expect(p.runwayChangeDays).toBe(-2);
    expect(p.lowestChangeCents).toBe(0);
    expect(
      previewMoves(input, [{ billId: 'B1', to: 'date', date: '2024-06-10' }]).after.runwayDays,
    ).toBe(7);
  });

  it('refuses a bill named twice, a date before today, a move landing before today', () => {
    expect(
      moveProblems(input, [
        { billId: 'B1', to: 'date', date: '2024-06-01' },
        { billId: 'B1', to: 'pay-now' },
        { billId: 'B2', to: 'days', days: -1 },
        { billId: 'B404', to: 'days', days: -1 },
      ]),
    ).toEqual([
      'bill B1 cannot be moved to 2024-06-01: that is before today (2024-06-03)',
      'bill B1 is named twice',
      'bill B2 moved by -1 days would be paid on 2024-06-02, before today (2024-06-03)',
    ]);
    expect(moveProblems(input, [{ billId: 'B1', to: 'days', days: -2 }])).toEqual([]);
  });
});
