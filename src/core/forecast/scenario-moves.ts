// Bulk re-date (issue 12 §3): several bills moved at once (pay now, to a date, by N days), the combined
// effect shown before anything is recorded. The same moves as the console's per-bill impacts
// (impact.ts), with both projections kept so a window can draw the before and after.
import { billDate, projectCash, type Forecast, type ForecastInput } from './projection.ts';
import { moved, withBillsMoved, type BillMove } from './impact.ts';
import type { ForecastSummary, MovedBill, MovesPreview } from './scenario-view.ts';

export const summaryOf = (f: Forecast): ForecastSummary => ({
  runwayDays: f.runwayDays,
  lowest: f.lowest,
  firstBelowZero: f.firstBelowZero,
  projection: f.projection,
});

/** The day a bill is paid in the forecast: its plan's date, a past one (overdue) today. */
const landsOn = (today: string, date: string): string => (date < today ? today : date);

/**
 * What is wrong with these moves, one line each (empty: nothing): a bill named twice, a date before
 * today, a move that would land before today. Unknown bills are not a problem here: the preview reports
 * them, the recording refuses them.
 */
export function moveProblems(input: ForecastInput, moves: readonly BillMove[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const bills = new Map(input.bills.map((b) => [b.qboId, b]));
  for (const m of moves) {
    if (seen.has(m.billId)) problems.push(`bill ${m.billId} is named twice`);
    seen.add(m.billId);
    const bill = bills.get(m.billId);
    if (m.to === 'date' && m.date < input.today)
      problems.push(
        `bill ${m.billId} cannot be moved to ${m.date}: that is before today (${input.today})`,
      );
    else if (m.to === 'days' && bill) {
      const to = billDate(input.today, moved(input.today, bill, m));
      if (to < input.today)
        problems.push(
          `bill ${m.billId} moved by ${m.days} days would be paid on ${to}, before today (${input.today})`,
        );
    }
  }
  return problems;
}

/** The combined effect of the moves against the input as it is (unknown bills left out, and named). */
export function previewMoves(
  input: ForecastInput,
  moves: readonly BillMove[],
): Omit<MovesPreview, 'businessId' | 'homeCurrency'> {
  const { today } = input;
  const bills = new Map(input.bills.map((b) => [b.qboId, b]));
  const movedBills: MovedBill[] = [];
  const unknownBillIds: string[] = [];
  for (const m of moves) {
    const bill = bills.get(m.billId);
    if (!bill) {
      unknownBillIds.push(m.billId);
      continue;
    }
    movedBills.push({
      billId: bill.qboId,
      amountCents: bill.amountCents,
      fromDate: landsOn(today, billDate(today, bill)),
      toDate: landsOn(today, billDate(today, moved(today, bill, m))),
    });
  }
  const before = summaryOf(projectCash(input));
  const after = summaryOf(projectCash(withBillsMoved(input, moves)));
  return {
    today,
    before,
    after,
    lowestChangeCents: after.lowest.cashCents - before.lowest.cashCents,
    runwayChangeDays:
      before.runwayDays === null || after.runwayDays === null
        ? null
        : after.runwayDays - before.runwayDays,
    moved: movedBills,
    unknownBillIds,
  };
}
