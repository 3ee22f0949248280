// Decision impact by the day (issue 12 §3): what paying a bill now, or re-dating it (to a date, or by
// N days from where it lands today), does to the lowest cash point and the runway in days. Computed by
// re-running the whole projection with the bills moved, so the figure is exactly what the forecast
// will show once the decision is recorded; a projection is 91 days plus the client's open records,
// cheap enough for every bill of every client.
import { addDays } from '../dates.ts';
import {
  billDate,
  projectCash,
  type Forecast,
  type ForecastBill,
  type ForecastInput,
} from './projection.ts';

export type BillMove =
  | { billId: string; to: 'pay-now' }
  | { billId: string; to: 'date'; date: string }
  | { billId: string; to: 'days'; days: number };

export type ForecastOutcome = {
  lowest: Forecast['lowest'];
  runwayDays: number | null;
  firstBelowZero: string | null;
};

export type MoveImpact = {
  before: ForecastOutcome;
  after: ForecastOutcome;
  /** after.lowest - before.lowest (positive: the lowest point is higher). */
  lowestChangeCents: number;
  /** Days of runway gained (negative: lost); null when either runway is unbounded in the horizon. */
  runwayChangeDays: number | null;
  /** Move ids that name no open bill of the client (left unapplied, so the advisor is told). */
  unknownBillIds: string[];
};

const outcome = (f: Forecast): ForecastOutcome => ({
  lowest: f.lowest,
  runwayDays: f.runwayDays,
  firstBelowZero: f.firstBelowZero,
});

function moved(today: string, bill: ForecastBill, move: BillMove): ForecastBill {
  if (move.to === 'pay-now') return { ...bill, plan: { action: 'pay_now', plannedDate: null } };
  // By N days from where the bill lands now: an overdue bill lands today, so "+7" means a week from today.
  const from = billDate(today, bill) < today ? today : billDate(today, bill);
  const date = move.to === 'date' ? move.date : addDays(from, move.days);
  return { ...bill, plan: { action: 'delay', plannedDate: date } };
}

/** The input with these bills moved (the last move for a bill wins). */
export function withBillsMoved(input: ForecastInput, moves: readonly BillMove[]): ForecastInput {
  const byId = new Map(moves.map((m) => [m.billId, m]));
  return {
    ...input,
    bills: input.bills.map((b) => {
      const m = byId.get(b.qboId);
      return m ? moved(input.today, b, m) : b;
    }),
  };
}

/** The combined effect of moving these bills (one bill, or a bulk re-date) against the input as it is. */
export function impactOfMoves(
  input: ForecastInput,
  moves: readonly BillMove[],
  baseline: Forecast = projectCash(input),
): MoveImpact {
  const ids = new Set(input.bills.map((b) => b.qboId));
  const after = projectCash(withBillsMoved(input, moves));
  const runwayChangeDays =
    baseline.runwayDays === null || after.runwayDays === null
      ? null
      : after.runwayDays - baseline.runwayDays;
  return {
    before: outcome(baseline),
    after: outcome(after),
    lowestChangeCents: after.lowest.cashCents - baseline.lowest.cashCents,
    runwayChangeDays,
    unknownBillIds: [...new Set(moves.map((m) => m.billId))].filter((id) => !ids.has(id)),
  };
}

/** For the console: one bill paid now, and the same bill delayed to `delayTo`. */
export function payNowOrDelay(
  input: ForecastInput,
  billId: string,
  delayTo: string,
  baseline: Forecast = projectCash(input),
): { payNow: MoveImpact; delay: MoveImpact } {
  return {
    payNow: impactOfMoves(input, [{ billId, to: 'pay-now' }], baseline),
    delay: impactOfMoves(input, [{ billId, to: 'date', date: delayTo }], baseline),
  };
}
