// Collections (issue 13 §4): every overdue invoice across clients, with whom to call (the customer's
// contact from QBO), the last call and what it promised, in the aging buckets QBO's own A/R aging report
// uses (1–30, 31–60, 61–90, over 90 days past due). The rules here are pure; the service reads the rows
// (services/collections.ts) and the screen filters, sorts and exports what it shows.
//
// The call list of the digest and `rowcol calls` (console/console.ts buildCallList) stays as it was: the
// invoices 30+ days late, the ones worth a call this week. This screen shows them all, from one day late.
import type { CallOutcome } from './advisor-work.ts';
import { callOutcomes } from './advisor-work.ts';
import { callIsDue } from './console/console.ts';
import { addDays, daysBetween, isIsoDay } from './dates.ts';

export const overdueBuckets = ['1-30', '31-60', '61-90', '90+'] as const;
export type OverdueBucket = (typeof overdueBuckets)[number];

/** The bucket of an invoice this many days past its due date; null when it is not overdue yet. */
export function overdueBucket(daysOverdue: number): OverdueBucket | null {
  if (daysOverdue < 1) return null;
  if (daysOverdue <= 30) return '1-30';
  if (daysOverdue <= 60) return '31-60';
  if (daysOverdue <= 90) return '61-90';
  return '90+';
}

/** Whom to reach at the customer, as QBO has it (any may be missing). */
export type CustomerContact = {
  /** The person: GivenName FamilyName. */
  name: string | null;
  email: string | null;
  phone: string | null;
  mobile: string | null;
};

export type LastCall = {
  outcome: string;
  /** When the call was logged (an ISO instant). */
  calledAt: string;
  promisedDate: string | null;
  followUpOn: string | null;
  note: string | null;
};

/** An overdue invoice as the collections service reads it (before days and buckets are worked out). */
export type CollectionRow = {
  businessId: string;
  clientName: string;
  invoiceQboId: string;
  docNumber: string | null;
  customerId: string | null;
  customerName: string | null;
  contact: CustomerContact;
  dueDate: string;
  balanceCents: number;
  currency: string;
  lastCall: LastCall | null;
  /** Calls logged on this invoice, the last one included. */
  calls: number;
  /** When the client's books were last synced (an ISO instant): the "as of" of these figures. */
  syncedAt: string | null;
};

export type CollectionEntry = CollectionRow & {
  daysOverdue: number;
  bucket: OverdueBucket;
  /** True when nobody called yet, or the follow-up or promised date has come. */
  due: boolean;
};

export type CollectionsView = {
  today: string;
  entries: CollectionEntry[];
  /** Per bucket: how many, and the amounts per currency (never summed across currencies). */
  totals: Record<OverdueBucket, { count: number; byCurrency: Record<string, number> }>;
};

/** Per bucket: how many invoices and their amounts per currency. */
export function bucketTotals(entries: readonly CollectionEntry[]): CollectionsView['totals'] {
  const totals = Object.fromEntries(
    overdueBuckets.map((b) => [b, { count: 0, byCurrency: {} }]),
  ) as CollectionsView['totals'];
  for (const e of entries) {
    const t = totals[e.bucket];
    t.count++;
    t.byCurrency[e.currency] = (t.byCurrency[e.currency] ?? 0) + e.balanceCents;
  }
  return totals;
}

/** Calls due first, then the oldest debts, then the largest. */
export function buildCollections(rows: readonly CollectionRow[], today: string): CollectionsView {
  const entries: CollectionEntry[] = [];
  for (const r of rows) {
    const daysOverdue = daysBetween(r.dueDate, today);
    const bucket = overdueBucket(daysOverdue);
    if (bucket) entries.push({ ...r, daysOverdue, bucket, due: callIsDue(r.lastCall, today) });
  }
  entries.sort(
    (a, b) =>
      Number(b.due) - Number(a.due) ||
      b.daysOverdue - a.daysOverdue ||
      b.balanceCents - a.balanceCents ||
      a.businessId.localeCompare(b.businessId) ||
      a.invoiceQboId.localeCompare(b.invoiceQboId),
  );
  return { today, entries, totals: bucketTotals(entries) };
}

/** A logged call as the advisor fills it in. */
export type CallForm = {
  outcome: CallOutcome;
  promisedDate: string | null;
  followUpOn: string | null;
  note: string | null;
};

export type CallProblem = {
  field: 'outcome' | 'promisedDate' | 'followUpOn' | 'note';
  message: string;
};

export const callNoteMax = 2000;
/** A date further out than this is most likely a typo in the year. */
const furthestDays = 366;

/**
 * What is wrong with a call before it is logged, in the advisor's words, per field: the form shows each
 * next to its field, the service refuses with the first. Dates are calendar days (YYYY-MM-DD); a promise
 * and a follow-up are about today or later.
 */
export function callProblems(form: CallForm, today: string): CallProblem[] {
  const problems: CallProblem[] = [];
  if (!(callOutcomes as readonly string[]).includes(form.outcome))
    problems.push({ field: 'outcome', message: 'Choose how the call went.' });
  const dates = [
    ['promisedDate', form.promisedDate, 'The promised date'],
    ['followUpOn', form.followUpOn, 'The follow-up date'],
  ] as const;
  for (const [field, value, label] of dates) {
    if (value === null || value === '') continue;
    if (!isIsoDay(value)) problems.push({ field, message: `${label} is not a date.` });
    else if (value < today)
      problems.push({ field, message: `${label} is in the past: choose today or later.` });
    else if (value > addDays(today, furthestDays))
      problems.push({ field, message: `${label} is more than a year away: check the year.` });
  }
  if (form.outcome === 'promised' && !form.promisedDate)
    problems.push({
      field: 'promisedDate',
      message: 'Give the date the customer promised to pay.',
    });
  if (form.note && form.note.length > callNoteMax)
    problems.push({
      field: 'note',
      message: `The note is ${form.note.length} characters; keep it to ${callNoteMax}.`,
    });
  return problems;
}

export type CollectionsFilter = { bucket?: OverdueBucket | null; businessId?: string | null };

export function filterCollections(
  entries: readonly CollectionEntry[],
  f: CollectionsFilter,
): CollectionEntry[] {
  return entries.filter(
    (e) => (!f.bucket || e.bucket === f.bucket) && (!f.businessId || e.businessId === f.businessId),
  );
}
