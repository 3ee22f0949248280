// Decision console and collections, as pure functions over rows the repositories return.
//   Console groups (by due date): overdue = due before today; this week = due today..today+6; later.
//   Runway impact of a bill: runway with the bill paid in week 1 vs. delayed to a date (default: 14 days
//   after the later of today and its due date), every other record placed as the runway formula says.
//   Collections: open invoices 30+ days past due, in buckets 30-59 / 60-89 / 90+ days; totals per currency.
import type {
  BillDecision,
  CallList,
  CallListEntry,
  CollectionBucket,
  ConsoleBill,
  ConsoleGroup,
  DecisionOutcome,
} from '../advisor-work.ts';
import { addDays, daysBetween, localDay } from '../dates.ts';
import type { HygieneCode } from '../hygiene/codes.ts';
import { billWeek, runwayWithBillMoved, weekOf, type Flows } from '../runway/runway.ts';

export const defaultDelayDays = 14;

export function consoleGroup(today: string, dueDate: string): ConsoleGroup {
  if (dueDate < today) return 'overdue';
  return daysBetween(today, dueDate) <= 6 ? 'this_week' : 'later';
}

export const defaultDelayTo = (today: string, dueDate: string): string =>
  addDays(dueDate > today ? dueDate : today, defaultDelayDays);

/** A complete open bill as the console receives it: a console row before its group, flags and runway impact. */
export type PaymentReadyBill = Pick<
  ConsoleBill,
  | 'qboId'
  | 'docNumber'
  | 'vendorName'
  | 'txnDate'
  | 'dueDate'
  | 'balanceCents'
  | 'currency'
  | 'homeCents'
  | 'decision'
>;

/** One console row per bill, with its runway impact computed from the client's projection flows. */
export function consoleBills(
  today: string,
  flows: Flows,
  bills: readonly PaymentReadyBill[],
  flags: ReadonlyMap<string, HygieneCode[]>,
  delayTo?: string,
): ConsoleBill[] {
  return bills.map((b) => {
    const plan = b.decision
      ? { action: b.decision.action, plannedDate: b.decision.plannedDate }
      : null;
    const placed = billWeek(today, b.dueDate, plan);
    const fromWeek = typeof placed === 'number' ? placed : null;
    const target = delayTo ?? defaultDelayTo(today, b.dueDate);
    // A bill that cannot be converted to home currency is not in the projection: moving it changes nothing.
    const amount = b.homeCents ?? 0;
    return {
      ...b,
      group: consoleGroup(today, b.dueDate),
      flags: flags.get(b.qboId) ?? [],
      runwayIfPaidNow: runwayWithBillMoved(flows, amount, fromWeek, 1),
      delayTo: target,
      runwayIfDelayed: runwayWithBillMoved(flows, amount, fromWeek, weekOf(today, target)),
    };
  });
}

export function groupConsole(bills: readonly ConsoleBill[]): {
  groups: Record<ConsoleGroup, ConsoleBill[]>;
  totals: Record<ConsoleGroup, number>;
} {
  const groups: Record<ConsoleGroup, ConsoleBill[]> = { overdue: [], this_week: [], later: [] };
  for (const b of [...bills].sort(
    (x, y) => x.dueDate.localeCompare(y.dueDate) || x.qboId.localeCompare(y.qboId),
  ))
    groups[b.group].push(b);
  const total = (g: ConsoleGroup) => groups[g].reduce((n, b) => n + (b.homeCents ?? 0), 0);
  return {
    groups,
    totals: { overdue: total('overdue'), this_week: total('this_week'), later: total('later') },
  };
}

/** A settled decision compared with what QBO shows: paid how many days after the plan (negative = early). */
export function compareOutcome(d: {
  billQboId: string;
  action: BillDecision['action'];
  plannedDate: string | null;
  decidedAt: string;
  outcome: string;
  outcomeDate: string | null;
}): DecisionOutcome {
  const planned = d.action === 'pay_now' ? localDay(new Date(d.decidedAt)) : d.plannedDate;
  const daysLate =
    d.outcome === 'paid' && d.outcomeDate && planned ? daysBetween(planned, d.outcomeDate) : null;
  return { ...d, daysLate };
}

export function collectionBucket(daysOverdue: number): CollectionBucket | null {
  if (daysOverdue >= 90) return '90+';
  if (daysOverdue >= 60) return '60';
  if (daysOverdue >= 30) return '30';
  return null;
}

export type CollectionsRow = Omit<CallListEntry, 'daysOverdue' | 'bucket' | 'due'>;

/** A call is due when nobody called, or a follow-up or promised date has come (and the invoice is still open). */
export function callIsDue(lastCall: CallListEntry['lastCall'], today: string): boolean {
  if (!lastCall) return true;
  const next = [lastCall.followUpOn, lastCall.promisedDate]
    .filter((d): d is string => Boolean(d))
    .sort()[0];
  return next !== undefined && next <= today;
}

/** The one call list across clients: calls due first, then the oldest debts, then the largest. */
export function buildCallList(rows: readonly CollectionsRow[], today: string): CallList {
  // Per currency: an invoice in EUR and one in USD are two amounts, never one sum.
  const totals: CallList['totals'] = {
    '30': { count: 0, byCurrency: {} },
    '60': { count: 0, byCurrency: {} },
    '90+': { count: 0, byCurrency: {} },
  };
  const entries: CallListEntry[] = [];
  for (const r of rows) {
    const daysOverdue = daysBetween(r.dueDate, today);
    const bucket = collectionBucket(daysOverdue);
    if (!bucket) continue;
    totals[bucket].count++;
    const by = totals[bucket].byCurrency;
    by[r.currency] = (by[r.currency] ?? 0) + r.balanceCents;
    entries.push({ ...r, daysOverdue, bucket, due: callIsDue(r.lastCall, today) });
  }
  entries.sort(
    (a, b) =>
      Number(b.due) - Number(a.due) ||
      b.daysOverdue - a.daysOverdue ||
      b.balanceCents - a.balanceCents ||
      a.invoiceQboId.localeCompare(b.invoiceQboId),
  );
  return { today, entries, totals };
}
