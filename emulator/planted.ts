// The planted-problems manifest, computed from the CURRENT books at request time, with the same codes and
// default thresholds as the hygiene tray's rules (the tray engineer implements the rules; keep these in step).
import { lines, num, refId } from './derived.ts';
import {
  plantedHabits,
  plantedRecurring,
  type PlantedHabit,
  type PlantedRecurring,
} from './planted-money.ts';
import type { Books } from './store.ts';
import { daysBetween, type Json } from './wire.ts';

export type PlantedProblem = { code: string; entity: string; qboIds: string[] };

const UNCATEGORIZED = new Set([
  'Uncategorized Expense',
  'Uncategorized Income',
  'Ask My Accountant',
]);
const id = (d: Json) => String(d.Id);
const open = (d: Json) => num(d.Balance) > 0;

export type PlantedManifest = {
  asOf: string;
  problems: PlantedProblem[];
  recurring: PlantedRecurring[];
  habits: PlantedHabit[];
};

export function plantedProblems(books: Books): PlantedManifest {
  const today = books.today();
  const problems: PlantedProblem[] = [];
  const add = (code: string, entity: string, qboIds: string[]) =>
    problems.push({ code, entity, qboIds });
  const rows = (
    e: 'Bill' | 'Invoice' | 'Purchase' | 'Payment' | 'BillPayment' | 'Account' | 'Deposit',
  ) => books.table(e).rows.map((r) => r.data);
  const accountName = (ref: unknown) => String(books.data('Account', refId(ref))?.Name ?? '');
  const itemAccount = (ref: unknown) => {
    const item = books.data('Item', refId(ref));
    return item ? accountName(item.IncomeAccountRef ?? item.ExpenseAccountRef) : '';
  };
  const lineUncategorized = (l: Json): boolean => {
    for (const key of [
      'AccountBasedExpenseLineDetail',
      'ItemBasedExpenseLineDetail',
      'SalesItemLineDetail',
    ]) {
      const detail = l[key] as Json | undefined;
      if (!detail) continue;
      if (detail.AccountRef && UNCATEGORIZED.has(accountName(detail.AccountRef))) return true;
      if (detail.ItemRef && UNCATEGORIZED.has(itemAccount(detail.ItemRef))) return true;
    }
    return false;
  };
  const bills = rows('Bill');
  const invoices = rows('Invoice');
  const purchases = rows('Purchase');
  const payments = rows('Payment');
  const home = books.homeCurrency;

  for (const [entity, list] of [
    ['Bill', bills],
    ['Purchase', purchases],
    ['Invoice', invoices],
  ] as const)
    for (const d of list)
      if (lines(d).some(lineUncategorized)) add('UNCATEGORIZED_LINE', entity, [id(d)]);
  for (const d of purchases) if (!d.EntityRef) add('PURCHASE_NO_PAYEE', 'Purchase', [id(d)]);
  for (const [entity, list] of [
    ['Bill', bills],
    ['Invoice', invoices],
  ] as const)
    for (const d of list) if (num(d.TotalAmt) <= 0) add('ZERO_AMOUNT', entity, [id(d)]);

  // DUPLICATE_BILL: same vendor and amount, TxnDates within 7 days (grouped by chaining).
  const byKey = new Map<string, Json[]>();
  for (const d of bills) {
    const key = `${refId(d.VendorRef)}|${num(d.TotalAmt).toFixed(2)}`;
    const list = byKey.get(key);
    if (list) list.push(d);
    else byKey.set(key, [d]);
  }
  for (const list of byKey.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => String(a.TxnDate).localeCompare(String(b.TxnDate)));
    let group: Json[] = [list[0] as Json];
    const flush = () => group.length > 1 && add('DUPLICATE_BILL', 'Bill', group.map(id));
    for (const d of list.slice(1)) {
      if (
        Math.abs(
          daysBetween(String((group[group.length - 1] as Json).TxnDate), String(d.TxnDate)),
        ) <= 7
      )
        group.push(d);
      else {
        flush();
        group = [d];
      }
    }
    flush();
  }

  const bankIds = new Set(
    books
      .table('Account')
      .rows.filter((r) => r.data.AccountType === 'Bank')
      .map((r) => String(r.data.Id)),
  );
  const bankPurchases = purchases.filter((p) => bankIds.has(refId(p.AccountRef) ?? ''));
  for (const b of bills) {
    if (!open(b)) continue;
    const match = bankPurchases.find(
      (p) =>
        num(p.TotalAmt) === num(b.Balance) &&
        (!p.EntityRef || refId(p.EntityRef) === refId(b.VendorRef)) &&
        Math.abs(daysBetween(String(b.DueDate), String(p.TxnDate))) <= 7,
    );
    if (match) add('PAID_OUTSIDE_QBO', 'Bill', [id(b), id(match)]);
  }
  for (const d of invoices)
    if (open(d) && d.EmailStatus !== 'EmailSent' && daysBetween(String(d.TxnDate), today) >= 3)
      add('INVOICE_NEVER_SENT', 'Invoice', [id(d)]);
  for (const d of payments)
    if (num(d.UnappliedAmt) > 0 && daysBetween(String(d.TxnDate), today) >= 7)
      add('PAYMENT_UNAPPLIED', 'Payment', [id(d)]);
  for (const d of payments) {
    const deposited =
      Array.isArray(d.LinkedTxn) && (d.LinkedTxn as Json[]).some((l) => l.TxnType === 'Deposit');
    if (
      accountName(d.DepositToAccountRef) === 'Undeposited Funds' &&
      !deposited &&
      daysBetween(String(d.TxnDate), today) >= 14
    )
      add('UNDEPOSITED_FUNDS', 'Payment', [id(d)]);
  }
  for (const d of bills)
    if (open(d) && String(d.DueDate) < today) add('BILL_OVERDUE', 'Bill', [id(d)]);
  for (const d of invoices)
    if (open(d) && daysBetween(String(d.DueDate), today) >= 30)
      add('INVOICE_OVERDUE_30', 'Invoice', [id(d)]);

  const recent = (d: Json) =>
    daysBetween(String(d.TxnDate), today) <= 30 && String(d.TxnDate) <= today;
  for (const a of books.table('Account').rows) {
    if (a.data.AccountType !== 'Bank' || a.data.Active === false) continue;
    const aid = String(a.data.Id);
    const active =
      purchases.some((p) => refId(p.AccountRef) === aid && recent(p)) ||
      rows('BillPayment').some(
        (p) => refId((p.CheckPayment as Json | undefined)?.BankAccountRef) === aid && recent(p),
      ) ||
      payments.some((p) => refId(p.DepositToAccountRef) === aid && recent(p));
    if (!active) add('BANK_ACCOUNT_QUIET', 'Account', [aid]);
  }
  for (const [entity, list] of [
    ['Bill', bills],
    ['Invoice', invoices],
  ] as const)
    for (const d of list)
      if (((d.CurrencyRef as Json | undefined)?.value ?? home) !== home)
        add('FOREIGN_CURRENCY', entity, [id(d)]);
  return {
    asOf: today,
    problems,
    recurring: plantedRecurring(books),
    habits: plantedHabits(books),
  };
}
