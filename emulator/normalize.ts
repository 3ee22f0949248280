// What QBO does to a record on the way in: checks what it insists on (a vendor per bill, a customer per
// invoice, lines), fills what it fills (Ids on lines, TotalAmt, Balance, DueDate from the terms, names on
// references, defaults), and refuses the rest with its fault codes (qbo-api.md §5, §6.1).
import { currencyRef, isList, nameField, type EntityName } from './entities.ts';
import { duplicateName, invalidReference, QboFault, requiredMissing } from './errors.ts';
import { lines, num, refId } from './derived.ts';
import type { Books } from './store.ts';
import { addDays, round2, type Json } from './wire.ts';

const classification: Record<string, string> = {
  Bank: 'Asset',
  'Accounts Receivable': 'Asset',
  'Other Current Asset': 'Asset',
  'Fixed Asset': 'Asset',
  'Other Asset': 'Asset',
  'Accounts Payable': 'Liability',
  'Credit Card': 'Liability',
  'Other Current Liability': 'Liability',
  'Long Term Liability': 'Liability',
  Equity: 'Equity',
  Income: 'Revenue',
  'Other Income': 'Revenue',
  Expense: 'Expense',
  'Other Expense': 'Expense',
  'Cost of Goods Sold': 'Expense',
};

function need(data: Json, field: string): void {
  const v = data[field];
  if (v === undefined || v === null || v === '') throw requiredMissing(field);
}

/** Resolve a reference to a live record and fill in its display name, as QBO echoes it. */
function resolveRef(
  books: Books,
  data: Json,
  field: string,
  entity: EntityName,
  nameKey: string,
): Json | undefined {
  const ref = data[field] as Json | undefined;
  if (ref === undefined || ref === null) return undefined;
  const id = refId(ref);
  const target = id ? books.data(entity, id) : undefined;
  if (!target) throw invalidReference(entity, String(id ?? ''));
  const name = target[nameKey];
  data[field] = typeof name === 'string' ? { value: id, name } : { value: id };
  return target;
}

function termDays(books: Books, ref: unknown): number | undefined {
  const term = books.data('Term', refId(ref));
  return term && typeof term.DueDays === 'number' ? term.DueDays : undefined;
}

function numberLines(data: Json): void {
  let n = 0;
  for (const line of lines(data)) {
    if (line.DetailType === 'SubTotalLineDetail') continue;
    n += 1;
    if (line.Id === undefined) line.Id = String(n);
    if (line.LineNum === undefined && line.DetailType) line.LineNum = n;
    line.Amount = round2(num(line.Amount));
  }
}

const sumLines = (data: Json, skip?: (l: Json) => boolean): number =>
  round2(lines(data).reduce((s, l) => (skip?.(l) ? s : s + num(l.Amount)), 0));

function checkUniqueName(books: Books, entity: EntityName, data: Json): void {
  const field = nameField[entity];
  if (!field) return;
  const name = data[field];
  if (typeof name !== 'string' || !name.trim()) throw requiredMissing(field);
  const lower = name.trim().toLowerCase();
  for (const r of books.table(entity).rows)
    if (r.data.Id !== data.Id && String(r.data[field] ?? '').toLowerCase() === lower)
      throw duplicateName();
}

function nextDocNumber(books: Books, entity: EntityName): string {
  let max = 1000;
  for (const r of books.table(entity).rows) {
    const n = Number(r.data.DocNumber);
    if (Number.isInteger(n) && n > max) max = n;
  }
  return String(max + 1);
}

/**
 * Fill and check `data` (already merged with the stored version for an update) in place.
 * `previous` is the stored version on an update, so paid amounts and QBO-owned fields carry over.
 */
export function normalize(books: Books, entity: EntityName, data: Json, previous?: Json): void {
  if (isList(entity)) {
    if (entity === 'Vendor' || entity === 'Customer' || entity === 'Employee') {
      if (data.DisplayName === undefined) {
        const guess =
          data.CompanyName ?? [data.GivenName, data.FamilyName].filter(Boolean).join(' ');
        if (guess) data.DisplayName = guess;
      }
    }
    checkUniqueName(books, entity, data);
    if (data.Active === undefined) data.Active = true;
  }
  const home = books.homeCurrency;
  switch (entity) {
    case 'Vendor':
    case 'Customer': {
      data.Balance = previous ? num(previous.Balance) : 0;
      data.CurrencyRef ??= currencyRef(home);
      data.PrintOnCheckName ??= data.DisplayName;
      if (entity === 'Vendor') data.Vendor1099 ??= false;
      if (entity === 'Customer') {
        data.BalanceWithJobs = previous ? num(previous.BalanceWithJobs) : 0;
        data.FullyQualifiedName = data.DisplayName;
        data.Job ??= false;
        data.BillWithParent ??= false;
        data.Taxable ??= false;
      }
      return;
    }
    case 'Account': {
      need(data, 'AccountType');
      const type = String(data.AccountType);
      data.Classification ??= classification[type] ?? 'Expense';
      data.FullyQualifiedName = data.Name;
      data.SubAccount ??= false;
      data.CurrencyRef ??= currencyRef(home);
      // A new account may carry an opening balance (QBO's Account.OpeningBalance); it starts CurrentBalance.
      const balance = previous
        ? num(previous.CurrentBalance)
        : num(data.OpeningBalance ?? data.CurrentBalance);
      data.CurrentBalance = balance;
      data.CurrentBalanceWithSubAccounts = previous
        ? num(previous.CurrentBalanceWithSubAccounts)
        : balance;
      return;
    }
    case 'Bill': {
      need(data, 'VendorRef');
      if (lines(data).length === 0) throw requiredMissing('Line');
      const vendor = resolveRef(books, data, 'VendorRef', 'Vendor', 'DisplayName');
      data.TxnDate ??= books.today();
      numberLines(data);
      data.TotalAmt = sumLines(data);
      data.CurrencyRef ??= (vendor?.CurrencyRef as Json | undefined) ?? currencyRef(home);
      if (!data.APAccountRef) {
        const ap = books
          .table('Account')
          .rows.find((r) => r.data.AccountType === 'Accounts Payable');
        if (ap) data.APAccountRef = { value: ap.data.Id, name: ap.data.Name };
      }
      if (!data.DueDate)
        data.DueDate = addDays(
          String(data.TxnDate),
          termDays(books, data.SalesTermRef) ?? termDays(books, vendor?.TermRef) ?? 0,
        );
      const paid = previous ? round2(num(previous.TotalAmt) - num(previous.Balance)) : 0;
      data.Balance = round2(num(data.TotalAmt) - paid);
      data.LinkedTxn = previous?.LinkedTxn ?? [];
      return;
    }
    case 'Invoice': {
      need(data, 'CustomerRef');
      if (lines(data).filter((l) => l.DetailType !== 'SubTotalLineDetail').length === 0)
        throw requiredMissing('Line');
      const customer = resolveRef(books, data, 'CustomerRef', 'Customer', 'DisplayName');
      data.TxnDate ??= books.today();
      data.DocNumber ??= previous?.DocNumber ?? nextDocNumber(books, 'Invoice');
      data.Line = lines(data).filter((l) => l.DetailType !== 'SubTotalLineDetail');
      numberLines(data);
      const subtotal = sumLines(data);
      (data.Line as Json[]).push({
        Amount: subtotal,
        DetailType: 'SubTotalLineDetail',
        SubTotalLineDetail: {},
      });
      const tax = (data.TxnTaxDetail as Json | undefined) ?? { TotalTax: 0 };
      tax.TotalTax = round2(num(tax.TotalTax));
      data.TxnTaxDetail = tax;
      data.TotalAmt = round2(subtotal + num(tax.TotalTax));
      data.CurrencyRef ??= (customer?.CurrencyRef as Json | undefined) ?? currencyRef(home);
      if (!data.DueDate)
        data.DueDate = addDays(
          String(data.TxnDate),
          termDays(books, data.SalesTermRef) ?? termDays(books, customer?.SalesTermRef) ?? 30,
        );
      const paid = previous ? round2(num(previous.TotalAmt) - num(previous.Balance)) : 0;
      data.Balance = round2(num(data.TotalAmt) - paid);
      data.LinkedTxn = previous?.LinkedTxn ?? [];
      data.PrintStatus ??= 'NotSet';
      data.EmailStatus ??= 'NotSet';
      data.ApplyTaxAfterDiscount ??= false;
      return;
    }
    case 'Purchase': {
      need(data, 'AccountRef');
      need(data, 'PaymentType');
      if (lines(data).length === 0) throw requiredMissing('Line');
      resolveRef(books, data, 'AccountRef', 'Account', 'Name');
      if (data.EntityRef) {
        const ref = data.EntityRef as Json;
        const kind =
          ref.type === 'Customer' ? 'Customer' : ref.type === 'Employee' ? 'Employee' : 'Vendor';
        resolveRef(books, data, 'EntityRef', kind, 'DisplayName');
        (data.EntityRef as Json).type = kind;
      }
      data.TxnDate ??= books.today();
      numberLines(data);
      data.TotalAmt = sumLines(data);
      data.CurrencyRef ??= currencyRef(home);
      return;
    }
    case 'BillPayment': {
      need(data, 'VendorRef');
      need(data, 'PayType');
      resolveRef(books, data, 'VendorRef', 'Vendor', 'DisplayName');
      const pay =
        data.PayType === 'CreditCard'
          ? (data.CreditCardPayment as Json | undefined)
          : (data.CheckPayment as Json | undefined);
      const accountField = data.PayType === 'CreditCard' ? 'CCAccountRef' : 'BankAccountRef';
      if (!pay || !pay[accountField])
        throw requiredMissing(
          data.PayType === 'CreditCard'
            ? 'CreditCardPayment.CCAccountRef'
            : 'CheckPayment.BankAccountRef',
        );
      resolveRef(books, pay, accountField, 'Account', 'Name');
      for (const line of lines(data)) {
        line.Amount = round2(num(line.Amount));
        for (const l of (line.LinkedTxn as Json[] | undefined) ?? [])
          if (l.TxnType === 'Bill' && !books.data('Bill', l.TxnId))
            throw invalidReference('Bill', String(l.TxnId));
      }
      data.TxnDate ??= books.today();
      data.TotalAmt = data.TotalAmt === undefined ? sumLines(data) : round2(num(data.TotalAmt));
      data.CurrencyRef ??= currencyRef(home);
      return;
    }
    case 'Payment': {
      need(data, 'CustomerRef');
      need(data, 'TotalAmt');
      resolveRef(books, data, 'CustomerRef', 'Customer', 'DisplayName');
      if (!data.DepositToAccountRef) {
        const uf = books.table('Account').rows.find((r) => r.data.Name === 'Undeposited Funds');
        if (uf) data.DepositToAccountRef = { value: uf.data.Id };
      } else resolveRef(books, data, 'DepositToAccountRef', 'Account', 'Name');
      for (const line of lines(data)) {
        line.Amount = round2(num(line.Amount));
        for (const l of (line.LinkedTxn as Json[] | undefined) ?? [])
          if (l.TxnType === 'Invoice' && !books.data('Invoice', l.TxnId))
            throw invalidReference('Invoice', String(l.TxnId));
      }
      data.TxnDate ??= books.today();
      data.TotalAmt = round2(num(data.TotalAmt));
      data.UnappliedAmt = round2(num(data.TotalAmt) - sumLines(data));
      data.ProcessPayment ??= false;
      data.CurrencyRef ??= currencyRef(home);
      return;
    }
    case 'Deposit': {
      need(data, 'DepositToAccountRef');
      resolveRef(books, data, 'DepositToAccountRef', 'Account', 'Name');
      data.TxnDate ??= books.today();
      numberLines(data);
      data.TotalAmt = sumLines(data);
      data.CurrencyRef ??= currencyRef(home);
      return;
    }
    case 'Term':
      data.Type ??= 'STANDARD';
      return;
    case 'CompanyInfo':
    case 'Preferences':
      throw new QboFault({
        message: 'Unsupported Operation',
        detail: `Operation create is not supported for ${entity}`,
        code: '500',
      });
    default:
      if (
        entity !== 'Item' &&
        entity !== 'Class' &&
        entity !== 'Employee' &&
        entity !== 'PaymentMethod'
      ) {
        data.TxnDate ??= books.today();
        numberLines(data);
        if (data.TotalAmt === undefined) data.TotalAmt = sumLines(data);
        data.CurrencyRef ??= currencyRef(home);
      }
      return;
  }
}
