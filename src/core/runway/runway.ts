// Runway: one formula, used by the client list, the console, the digest (issue 5 §1).
//
//   cash     = sum of CurrentBalance of the client's active Bank accounts (home currency).
//   weeks    = 13 weeks; week 1 is [today, today+6], week k is [today+7(k-1), today+7k-1].
//   inflows  = open invoice balances in the week of their DueDate. Overdue by fewer than 30 days → week 1.
//              Overdue by 30 days or more → left out (they are collections, not cash). No due date → left out.
//   outflows = open bill balances in the week of the decision's planned date if one is set, else of the
//              DueDate. Overdue (or planned in the past, or no due date) → week 1. Pay-now → week 1.
//              Hold sets no planned date, so a held bill stays at its DueDate (overdue → week 1), as
//              issue 5 says: holding is "not now", not "never", and the bill is still owed. The held
//              amount is also reported beside the figure (`heldCents`) so the advisor sees how much of
//              the outflow is on hold. A date after week 13 → left out (beyond the horizon).
//            + the baseline weekly burn in every week = average weekly Purchase total over the trailing
//              12 weeks (computed by the caller: sum of home-currency Purchases dated [today-84, today-1] / 12).
//   closing(k) = closing(k-1) + inflows(k) - outflows(k) - burn, closing(0) = cash.
//   runway   = the number of whole weeks before closing(k) first goes below zero: k-1 for the first such k
//              (0 when week 1 already ends below zero). When no week does: 13 + floor(closing(13) / burn),
//              the week-13 balance extended at the burn; unbounded (null) when the burn is zero or less.
//   confidence: of the money placed in the 13 weeks (inflows + outflows, not cash, not burn), the share
//              that sits in records the tray flags; confidence = 1 - that share (1 when nothing is placed).
//
// Foreign currency: a bill or invoice in a currency other than the client's home currency is converted
// with the record's own ExchangeRate (QBO: home-currency units per one unit of CurrencyRef); without a
// usable rate it is left out of the projection (the tray's FOREIGN_CURRENCY item names it). Either way the
// record is flagged, so its money lowers the confidence. It is never summed as if it were home currency.
import { daysBetween, addDays } from '../dates.ts';

export const projectionWeeks = 13;
export const burnTrailingWeeks = 12;
export const collectionsAfterDays = 30;

export type BillPlan = { action: 'pay_now' | 'delay' | 'hold'; plannedDate: string | null };

export type ProjectedInvoice = {
  qboId: string;
  dueDate: string | null;
  amountCents: number;
  flagged: boolean;
};
export type ProjectedBill = {
  qboId: string;
  dueDate: string | null;
  amountCents: number;
  flagged: boolean;
  plan: BillPlan | null;
};

export type RunwayInput = {
  today: string;
  cashCents: number;
  invoices: readonly ProjectedInvoice[];
  bills: readonly ProjectedBill[];
  weeklyBurnCents: number;
};

export type ProjectedWeek = {
  week: number;
  startsOn: string;
  inflowCents: number;
  outflowCents: number;
  burnCents: number;
  closingCents: number;
};

export type Runway = {
  today: string;
  cashCents: number;
  weeklyBurnCents: number;
  /** Whole weeks; null = unbounded (the balance never goes below zero and there is no burn). */
  runwayWeeks: number | null;
  weeks: ProjectedWeek[];
  placedCents: number;
  flaggedCents: number;
  /** 1 - flaggedCents / placedCents, or 1 when nothing is placed. */
  confidence: number;
  /** Open balance of held bills placed in the 13 weeks (already inside the outflows; reported beside them). */
  heldCents: number;
  excluded: { collectionsCents: number; beyondHorizonCents: number; noDueDateInvoiceCents: number };
};

/** Week (1..13) a date falls in, 1 for a past date, null after week 13. */
export function weekOf(today: string, day: string): number | null {
  const d = daysBetween(today, day);
  if (d < 0) return 1;
  const w = Math.floor(d / 7) + 1;
  return w > projectionWeeks ? null : w;
}

/** Where an open invoice lands: a week, or why it is left out. */
export function invoiceWeek(
  today: string,
  dueDate: string | null,
): number | 'collections' | 'no_due_date' | 'beyond' {
  if (!dueDate) return 'no_due_date';
  const overdueDays = daysBetween(dueDate, today);
  if (overdueDays >= collectionsAfterDays) return 'collections';
  return weekOf(today, dueDate) ?? 'beyond';
}

/** Where an open bill lands under its plan: a week, or why it is left out. */
export function billWeek(
  today: string,
  dueDate: string | null,
  plan: BillPlan | null,
): number | 'beyond' {
  // Hold: no planned date, so the due date places it (below), like a bill with no decision.
  if (plan?.action === 'pay_now') return 1;
  const date = plan?.action === 'delay' && plan.plannedDate ? plan.plannedDate : dueDate;
  if (!date) return 1;
  return weekOf(today, date) ?? 'beyond';
}

export type Flows = { cashCents: number; inflows: number[]; outflows: number[]; burnCents: number };

/** Runway in whole weeks from weekly flows (arrays of 13), per the formula above. */
export function runwayFromFlows(f: Flows): { runwayWeeks: number | null; closing: number[] } {
  const closing: number[] = [];
  let balance = f.cashCents;
  let runwayWeeks: number | null | undefined;
  for (let k = 0; k < projectionWeeks; k++) {
    balance += (f.inflows[k] ?? 0) - (f.outflows[k] ?? 0) - f.burnCents;
    closing.push(balance);
    if (runwayWeeks === undefined && balance < 0) runwayWeeks = k;
  }
  if (runwayWeeks === undefined)
    runwayWeeks = f.burnCents > 0 ? projectionWeeks + Math.floor(balance / f.burnCents) : null;
  return { runwayWeeks, closing };
}

/** Places every record in its week and computes the runway. */
export function projectRunway(input: RunwayInput): Runway & { flows: Flows } {
  const inflows = new Array<number>(projectionWeeks).fill(0);
  const outflows = new Array<number>(projectionWeeks).fill(0);
  const excluded = { collectionsCents: 0, beyondHorizonCents: 0, noDueDateInvoiceCents: 0 };
  let heldCents = 0;
  let placed = 0;
  let flagged = 0;
  for (const inv of input.invoices) {
    const w = invoiceWeek(input.today, inv.dueDate);
    if (w === 'collections') excluded.collectionsCents += inv.amountCents;
    else if (w === 'no_due_date') excluded.noDueDateInvoiceCents += inv.amountCents;
    else if (w === 'beyond') excluded.beyondHorizonCents += inv.amountCents;
    else {
      inflows[w - 1]! += inv.amountCents;
      placed += Math.abs(inv.amountCents);
      if (inv.flagged) flagged += Math.abs(inv.amountCents);
    }
  }
  for (const bill of input.bills) {
    const w = billWeek(input.today, bill.dueDate, bill.plan);
    if (w === 'beyond') excluded.beyondHorizonCents += bill.amountCents;
    else {
      outflows[w - 1]! += bill.amountCents;
      if (bill.plan?.action === 'hold') heldCents += bill.amountCents;
      placed += Math.abs(bill.amountCents);
      if (bill.flagged) flagged += Math.abs(bill.amountCents);
    }
  }
  const burnCents = Math.max(0, input.weeklyBurnCents);
  const flows: Flows = { cashCents: input.cashCents, inflows, outflows, burnCents };
  const { runwayWeeks, closing } = runwayFromFlows(flows);
  const weeks = closing.map((closingCents, k) => ({
    week: k + 1,
    startsOn: addDays(input.today, 7 * k),
    inflowCents: inflows[k]!,
    outflowCents: outflows[k]!,
    burnCents,
    closingCents,
  }));
  return {
    today: input.today,
    cashCents: input.cashCents,
    weeklyBurnCents: burnCents,
    runwayWeeks,
    weeks,
    placedCents: placed,
    flaggedCents: flagged,
    confidence: placed === 0 ? 1 : 1 - flagged / placed,
    heldCents,
    excluded,
    flows,
  };
}

/**
 * Runway if one bill (already placed in `flows` at `fromWeek`, or left out when null) were paid in
 * `toWeek` instead (null = left out). O(13): the console computes this for every bill.
 */
export function runwayWithBillMoved(
  flows: Flows,
  amountCents: number,
  fromWeek: number | null,
  toWeek: number | null,
): number | null {
  const outflows = flows.outflows.slice();
  if (fromWeek !== null) outflows[fromWeek - 1]! -= amountCents;
  if (toWeek !== null) outflows[toWeek - 1]! += amountCents;
  return runwayFromFlows({ ...flows, outflows }).runwayWeeks;
}

/** Baseline weekly burn from the trailing 12 weeks' Purchase total (integer cents, rounded). */
export const weeklyBurn = (trailingPurchasesCents: number): number =>
  Math.round(trailingPurchasesCents / burnTrailingWeeks);

/** First day of the trailing burn window (inclusive); the window ends yesterday. */
export const burnWindowStart = (today: string): string => addDays(today, -7 * burnTrailingWeeks);

/**
 * A record's open balance in home currency, or null when it cannot be converted (foreign currency
 * without a usable ExchangeRate). A missing CurrencyRef means home currency (single-currency companies).
 */
export function toHomeCents(
  balanceCents: number,
  currency: string | null,
  homeCurrency: string,
  exchangeRate: number | null,
): number | null {
  if (!currency || currency === homeCurrency) return balanceCents;
  if (exchangeRate !== null && Number.isFinite(exchangeRate) && exchangeRate > 0)
    return Math.round(balanceCents * exchangeRate);
  return null;
}
