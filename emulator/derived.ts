// Derived amounts, moved as QBO moves them (issue 3 §3): a record's effect is applied when it is written
// and reversed (sign -1, on the old version) before an edit, a delete or a void.
//   Bill        → vendor Balance, A/P balance
//   Invoice     → customer Balance/BalanceWithJobs, A/R balance
//   BillPayment → each linked bill's Balance (+ LinkedTxn and SyncToken + 1 on the bill), the paying bank (down) or card (up)
//   Payment     → each linked invoice's Balance (+ LinkedTxn and SyncToken + 1), the deposit-to account (up)
//   Purchase    → its bank account (down) or credit card (up)
//   Deposit     → its bank account (up), Undeposited Funds (down) for the payments it carries
import type { EntityName } from './entities.ts';
import type { Books } from './store.ts';
import { round2, type Json } from './wire.ts';

type Sign = 1 | -1;

export const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
export const refId = (v: unknown): string | undefined => {
  const value = (v as Json | undefined)?.value;
  return typeof value === 'string' ? value : undefined;
};
export const lines = (data: Json): Json[] =>
  Array.isArray(data.Line) ? (data.Line as Json[]).filter((l) => l && typeof l === 'object') : [];
const linked = (line: Json): Json[] =>
  Array.isArray(line.LinkedTxn) ? (line.LinkedTxn as Json[]) : [];

function adjustAccount(books: Books, id: string | undefined, delta: number, at: number): void {
  const rec = id ? books.get('Account', id) : undefined;
  if (!rec || delta === 0) return;
  books.touch(rec, at); // before the change: a write's effects compare against the state before them
  rec.data.CurrentBalance = round2(num(rec.data.CurrentBalance) + delta);
  rec.data.CurrentBalanceWithSubAccounts = round2(
    num(rec.data.CurrentBalanceWithSubAccounts) + delta,
  );
}

function adjustParty(
  books: Books,
  entity: 'Vendor' | 'Customer',
  id: string | undefined,
  delta: number,
  at: number,
): void {
  const rec = id ? books.get(entity, id) : undefined;
  if (!rec || delta === 0) return;
  books.touch(rec, at);
  rec.data.Balance = round2(num(rec.data.Balance) + delta);
  if (entity === 'Customer')
    rec.data.BalanceWithJobs = round2(num(rec.data.BalanceWithJobs) + delta);
}

function accountOfType(books: Books, type: string): string | undefined {
  for (const r of books.table('Account').rows)
    if (r.data.AccountType === type) return String(r.data.Id);
  return undefined;
}

/** Move an open document's Balance (bill or invoice) by a payment, with its party and the LinkedTxn list. */
function settle(
  books: Books,
  entity: 'Bill' | 'Invoice',
  docId: string,
  payId: string,
  payType: string,
  amount: number,
  sign: Sign,
  at: number,
): void {
  const rec = books.get(entity, docId);
  if (!rec) return;
  books.touchLinked(rec, at);
  const delta = -sign * amount;
  rec.data.Balance = round2(num(rec.data.Balance) + delta);
  const list = Array.isArray(rec.data.LinkedTxn) ? (rec.data.LinkedTxn as Json[]) : [];
  rec.data.LinkedTxn =
    sign > 0
      ? [...list, { TxnId: payId, TxnType: payType }]
      : list.filter((l) => !(l.TxnId === payId && l.TxnType === payType));
  if (entity === 'Bill') {
    adjustParty(books, 'Vendor', refId(rec.data.VendorRef), delta, at);
    adjustAccount(
      books,
      refId(rec.data.APAccountRef) ?? accountOfType(books, 'Accounts Payable'),
      delta,
      at,
    );
  } else {
    adjustParty(books, 'Customer', refId(rec.data.CustomerRef), delta, at);
    adjustAccount(books, accountOfType(books, 'Accounts Receivable'), delta, at);
  }
}

const isLiability = (books: Books, id: string | undefined): boolean => {
  const t = id ? books.get('Account', id)?.data.AccountType : undefined;
  return t === 'Credit Card' || t === 'Other Current Liability' || t === 'Long Term Liability';
};

export function applyEffects(
  books: Books,
  entity: EntityName,
  data: Json,
  sign: Sign,
  at: number,
): void {
  const total = num(data.TotalAmt);
  const id = String(data.Id);
  switch (entity) {
    case 'Bill':
      adjustParty(books, 'Vendor', refId(data.VendorRef), sign * num(data.Balance), at);
      adjustAccount(
        books,
        refId(data.APAccountRef) ?? accountOfType(books, 'Accounts Payable'),
        sign * num(data.Balance),
        at,
      );
      return;
    case 'Invoice':
      adjustParty(books, 'Customer', refId(data.CustomerRef), sign * num(data.Balance), at);
      adjustAccount(
        books,
        accountOfType(books, 'Accounts Receivable'),
        sign * num(data.Balance),
        at,
      );
      return;
    case 'BillPayment': {
      for (const line of lines(data))
        for (const l of linked(line))
          if (l.TxnType === 'Bill')
            settle(
              books,
              'Bill',
              String(l.TxnId),
              id,
              'BillPaymentCheck',
              num(line.Amount),
              sign,
              at,
            );
      if (data.PayType === 'CreditCard')
        adjustAccount(
          books,
          refId((data.CreditCardPayment as Json | undefined)?.CCAccountRef),
          sign * total,
          at,
        );
      else
        adjustAccount(
          books,
          refId((data.CheckPayment as Json | undefined)?.BankAccountRef),
          -sign * total,
          at,
        );
      return;
    }
    case 'Payment': {
      for (const line of lines(data))
        for (const l of linked(line))
          if (l.TxnType === 'Invoice')
            settle(books, 'Invoice', String(l.TxnId), id, 'Payment', num(line.Amount), sign, at);
      adjustAccount(books, refId(data.DepositToAccountRef), sign * total, at);
      return;
    }
    case 'Purchase': {
      const account = refId(data.AccountRef);
      const credit = data.Credit === true ? -1 : 1;
      adjustAccount(
        books,
        account,
        (isLiability(books, account) ? 1 : -1) * sign * credit * total,
        at,
      );
      return;
    }
    case 'Deposit': {
      adjustAccount(books, refId(data.DepositToAccountRef), sign * total, at);
      for (const line of lines(data))
        for (const l of linked(line)) {
          if (l.TxnType !== 'Payment') continue;
          const pay = books.get('Payment', String(l.TxnId));
          if (!pay) continue;
          books.touch(pay, at);
          adjustAccount(books, refId(pay.data.DepositToAccountRef), -sign * num(line.Amount), at);
          const list = Array.isArray(pay.data.LinkedTxn) ? (pay.data.LinkedTxn as Json[]) : [];
          pay.data.LinkedTxn =
            sign > 0
              ? [...list, { TxnId: id, TxnType: 'Deposit' }]
              : list.filter((x) => !(x.TxnId === id && x.TxnType === 'Deposit'));
        }
      return;
    }
    default:
      return;
  }
}
