// The planted truth about money that repeats and how customers pay, with its figures computed from the
// CURRENT books (amounts, dates, median days), so a record changed or deleted through the API shows.
import { num, refId } from './derived.ts';
import type { Books } from './store.ts';
import type { Cadence, Habit, RecurringKind } from './truth.ts';
import { daysBetween, type Json } from './wire.ts';

export type PlantedRecurring = {
  counterpartyId: string;
  name: string;
  kind: RecurringKind;
  direction: 'in' | 'out';
  cadence: Cadence;
  /** Bills (paid by bill payments), purchases, or customer payments. */
  entity: 'Bill' | 'Purchase' | 'Payment';
  /** The median amount of its records, in home-currency cents. */
  amountCents: number;
  occurrences: number;
  firstDate: string;
  lastDate: string;
};

export type PlantedHabit = {
  customerId: string;
  name: string;
  habit: Habit;
  /** Median over its paid invoices of (date of the last payment − due date), in days; negative is early. */
  medianDaysAfterDue: number;
  paidInvoices: number;
};

/** Fewer paid invoices than this and a habit is not listed: too little history to learn it from. */
export const MIN_PAID_INVOICES = 6;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

const partyRef: Record<PlantedRecurring['entity'], string> = {
  Bill: 'VendorRef',
  Purchase: 'EntityRef',
  Payment: 'CustomerRef',
};

export function plantedRecurring(books: Books): PlantedRecurring[] {
  const out: PlantedRecurring[] = [];
  for (const t of books.truth.recurring) {
    const records = books
      .table(t.entity)
      .rows.map((r) => r.data)
      .filter((d) => refId(d[partyRef[t.entity]]) === t.counterpartyId && num(d.TotalAmt) > 0);
    if (records.length === 0) continue;
    const dates = records.map((d) => String(d.TxnDate)).sort();
    const party = books.data(t.direction === 'in' ? 'Customer' : 'Vendor', t.counterpartyId);
    out.push({
      counterpartyId: t.counterpartyId,
      name: String(party?.DisplayName ?? ''),
      kind: t.kind,
      direction: t.direction,
      cadence: t.cadence,
      entity: t.entity,
      amountCents: Math.round(median(records.map((d) => Math.round(num(d.TotalAmt) * 100)))),
      occurrences: records.length,
      firstDate: dates[0] as string,
      lastDate: dates[dates.length - 1] as string,
    });
  }
  return out;
}

export function plantedHabits(books: Books): PlantedHabit[] {
  const lateness = new Map<string, number[]>();
  for (const { data: inv } of books.table('Invoice').rows) {
    if (num(inv.TotalAmt) <= 0 || num(inv.Balance) > 0) continue;
    const paid = (Array.isArray(inv.LinkedTxn) ? (inv.LinkedTxn as Json[]) : [])
      .filter((l) => l.TxnType === 'Payment')
      .map((l) => books.data('Payment', String(l.TxnId))?.TxnDate)
      .filter((d): d is string => typeof d === 'string')
      .sort();
    const last = paid[paid.length - 1];
    const customer = refId(inv.CustomerRef);
    if (!last || !customer) continue;
    const list = lateness.get(customer) ?? [];
    list.push(daysBetween(String(inv.DueDate), last));
    lateness.set(customer, list);
  }
  const out: PlantedHabit[] = [];
  for (const [customerId, habit] of books.truth.habits) {
    const days = lateness.get(customerId) ?? [];
    if (days.length < MIN_PAID_INVOICES) continue;
    out.push({
      customerId,
      name: String(books.data('Customer', customerId)?.DisplayName ?? ''),
      habit,
      medianDaysAfterDue: median(days),
      paidInvoices: days.length,
    });
  }
  return out.sort((a, b) => Number(a.customerId) - Number(b.customerId));
}
