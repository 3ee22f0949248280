// Decision impact by the day (issue 12 §3): what paying a bill now, or re-dating it (to a date, or by
// N days from where it lands today), does to the lowest cash point and the runway in days: exactly what
// the forecast will show once the decision is recorded (see prepareImpacts for how it stays cheap).
import { addDays } from '../dates.ts';
import { spendOnDay } from './daily-rate.ts';
import {
  billDate,
  dayIndex,
  placeFlows,
  walkCash,
  type CashWalk,
  type ForecastBill,
  type ForecastInput,
} from './projection.ts';

export type BillMove =
  | { billId: string; to: 'pay-now' }
  | { billId: string; to: 'date'; date: string }
  | { billId: string; to: 'days'; days: number };

export type ForecastOutcome = CashWalk;

export type MoveImpact = {
  before: ForecastOutcome;
  after: ForecastOutcome;
  /** after.lowest - before.lowest (positive: the lowest point is higher). */
  lowestChangeCents: number;
  /** Days of runway gained (negative: lost); null when either runway is unbounded in the horizon. */
  runwayChangeDays: number | null;
  /** Move ids that name no open bill of the client (left unapplied, so the advisor is told). */
  unknownBillIds: string[];
  /**
   * The days whose cash the move changes (from the first to the last, `until` the day after it) and
   * their lowest point before and after; null when no day changes. The overall lowest point often lies
   * at the horizon's end, after every bill, where moving a bill inside the 13 weeks changes nothing: the
   * low of the days in between is what paying now or later does to the advisor's cash.
   */
  meantime: Meantime | null;
};

export type Meantime = {
  from: string;
  until: string;
  lowestBefore: { date: string; cashCents: number };
  lowestAfter: { date: string; cashCents: number };
};

/** Each day's closing cash of placed flows (the same walk as walkCash). */
function dailyCash(
  opening: number,
  inCents: readonly number[],
  outCents: readonly number[],
  rate: number,
): number[] {
  const cash: number[] = new Array<number>(inCents.length);
  let c = opening;
  for (let k = 0; k < inCents.length; k++) {
    c += inCents[k]! - outCents[k]! - spendOnDay(rate, k);
    cash[k] = c;
  }
  return cash;
}

/** The days two daily cash walks differ on, and their low before and after (also the window's one-bill preview). */
export function meantimeOf(
  today: string,
  before: readonly number[],
  after: readonly number[],
): Meantime | null {
  let first = -1;
  let last = -1;
  for (let k = 0; k < before.length; k++)
    if (before[k] !== after[k]) {
      if (first < 0) first = k;
      last = k;
    }
  if (first < 0) return null;
  let lowB = first;
  let lowA = first;
  for (let k = first; k <= last; k++) {
    if (before[k]! < before[lowB]!) lowB = k;
    if (after[k]! < after[lowA]!) lowA = k;
  }
  return {
    from: addDays(today, first),
    until: addDays(today, last + 1),
    lowestBefore: { date: addDays(today, lowB), cashCents: before[lowB]! },
    lowestAfter: { date: addDays(today, lowA), cashCents: after[lowA]! },
  };
}

/** The bill with the move as its plan (exported for the bulk re-date's "from → to" dates). */
export function moved(today: string, bill: ForecastBill, move: BillMove): ForecastBill {
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

/**
 * Impacts against one client's forecast as it is: places the records once, then each call moves only
 * the bills it names (O(91) per call, so the console can show every bill of every client). Moving a
 * bill changes nothing else in the placement: recurring occurrences are matched to a bill by its due
 * date, not its plan (see projection.ts), so this is exactly a re-run of the projection with the bills
 * moved; a property test holds the two equal.
 */
export function prepareImpacts(input: ForecastInput): (moves: readonly BillMove[]) => MoveImpact {
  const flows = placeFlows(input);
  const walk = (out: readonly number[]) =>
    walkCash(input.today, input.openingCashCents, flows.inCents, out, flows.dailySpendCents);
  const before = walk(flows.outCents);
  const cashOf = (out: readonly number[]) =>
    dailyCash(input.openingCashCents, flows.inCents, out, flows.dailySpendCents);
  const cashBefore = cashOf(flows.outCents);
  const billsById = new Map(input.bills.map((b) => [b.qboId, b]));
  return (moves) => {
    const lastMove = new Map(moves.map((m) => [m.billId, m]));
    const outCents = flows.outCents.slice();
    const unknownBillIds: string[] = [];
    for (const [id, move] of lastMove) {
      const bill = billsById.get(id);
      if (!bill) {
        unknownBillIds.push(id);
        continue;
      }
      const from = dayIndex(input.today, billDate(input.today, bill));
      const to = dayIndex(input.today, billDate(input.today, moved(input.today, bill, move)));
      if (from !== null) outCents[from]! -= bill.amountCents;
      if (to !== null) outCents[to]! += bill.amountCents;
    }
    const after = walk(outCents);
    return {
      before,
      after,
      lowestChangeCents: after.lowest.cashCents - before.lowest.cashCents,
      runwayChangeDays:
        before.runwayDays === null || after.runwayDays === null
          ? null
          : after.runwayDays - before.runwayDays,
      unknownBillIds,
      meantime: meantimeOf(input.today, cashBefore, cashOf(outCents)),
    };
  };
}

/** The combined effect of moving these bills (one bill, or a bulk re-date) against the input as it is. */
export function impactOfMoves(input: ForecastInput, moves: readonly BillMove[]): MoveImpact {
  return prepareImpacts(input)(moves);
}

/** For the console: one bill paid now, and the same bill delayed to `delayTo`. */
export function payNowOrDelay(
  impacts: (moves: readonly BillMove[]) => MoveImpact,
  billId: string,
  delayTo: string,
): { payNow: MoveImpact; delay: MoveImpact } {
  return {
    payNow: impacts([{ billId, to: 'pay-now' }]),
    delay: impacts([{ billId, to: 'date', date: delayTo }]),
  };
}
