// What QBO does to a record on the way in: checks what it insists on (a vendor per bill, a customer per
// invoice, lines), fills what it fills (Ids on lines, TotalAmt, Balance, DueDate from the terms, names on
// references, defaults), and refuses the rest with its fault codes (qbo-api.md §5, §6.1).
import { currencyRef, isList, nameField, type EntityName } from './entities.ts';
import {
  businessRule,
  duplicateName,
  invalidReference,
  objectNotFound,
  QboFault,
  requiredMissing,
} from './errors.ts';
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

/** How a write reaches normalize: `previous` is the stored version on an update; `loading` is a --data file. */
type Ctx = { previous?: Json; loading?: boolean };

/** Is this list record inactive (QBO's name lists keep `Active: false` rows, qbo-api.md §5.3)? */
const inactive = (target: Json): boolean => target.Active === false;

/**
 * Resolve a reference to a live record and fill in its display name, as QBO echoes it. A reference to no
 * record is 2500; one newly pointed at an inactive record is 610, whose recorded wording says exactly that
 * ("Something you're trying to use has been made inactive", qbo-api.md §6.1). A reference the stored
 * version already had is left alone: QBO keeps a bill whose vendor was made inactive later (UNVERIFIED).
 */
function resolveRef(
  books: Books,
  data: Json,
  field: string,
  entity: EntityName,
  nameKey: string | null,
  ctx: Ctx,
  before?: unknown,
): Json | undefined {
  const ref = data[field] as Json | undefined;
  if (ref === undefined || ref === null) return undefined;
  const id = refId(ref);
  const target = id ? books.data(entity, id) : undefined;
  if (!target) throw invalidReference(entity, String(id ?? ''));
  if (!ctx.loading && inactive(target) && id !== refId(before)) throw objectNotFound();
  const name = nameKey ? target[nameKey] : undefined;
  data[field] = typeof name === 'string' ? { value: id, name } : { value: id };
  return target;
}

/** Account-based expense lines (bills, purchases): each line's account is resolved as a reference. */
function resolveLineAccounts(books: Books, data: Json, ctx: Ctx): void {
  const had = new Set(
    lines(ctx.previous ?? {}).map((l) =>
      refId((l.AccountBasedExpenseLineDetail as Json | undefined)?.AccountRef),
    ),
  );
  for (const line of lines(data)) {
    const detail = line.AccountBasedExpenseLineDetail as Json | undefined;
    if (!detail || !detail.AccountRef) continue;
    const id = refId(detail.AccountRef);
    resolveRef(
      books,
      detail,
      'AccountRef',
      'Account',
      'Name',
      ctx,
      had.has(id) ? detail.AccountRef : undefined,
    );
  }
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

/** 6240 when another record of the list has the name; `selfId` is the record being updated (never its own duplicate). */
function checkUniqueName(books: Books, entity: EntityName, data: Json, selfId: unknown): void {
  const field = nameField[entity];
  if (!field) return;
  const name = data[field];
  if (typeof name !== 'string' || !name.trim()) throw requiredMissing(field);
  const holder = books.named(entity, field, name.trim().toLowerCase());
  if (holder && holder.data.Id !== selfId) throw duplicateName();
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
export function normalize(
  books: Books,
  entity: EntityName,
  data: Json,
  previous?: Json,
  opts: { loading?: boolean } = {},
): void {
  const ctx: Ctx = { previous, loading: opts.loading };
  if (isList(entity)) {
    if (entity === 'Vendor' || entity === 'Customer' || entity === 'Employee') {
      if (data.DisplayName === undefined) {
        const guess =
          data.CompanyName ?? [data.GivenName, data.FamilyName].filter(Boolean).join(' ');
        if (guess) data.DisplayName = guess;
      }
    }
    checkUniqueName(books, entity, data, previous?.Id);
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
      const vendor = resolveRef(
        books,
        data,
        'VendorRef',
        'Vendor',
        'DisplayName',
        ctx,
        previous?.VendorRef,
      );
      resolveLineAccounts(books, data, ctx);
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
      const customer = resolveRef(
        books,
        data,
        'CustomerRef',
        'Customer',
        'DisplayName',
        ctx,
        previous?.CustomerRef,
      );
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
      resolveRef(books, data, 'AccountRef', 'Account', 'Name', ctx, previous?.AccountRef);
      if (data.EntityRef) {
        const ref = data.EntityRef as Json;
        const kind =
          ref.type === 'Customer' ? 'Customer' : ref.type === 'Employee' ? 'Employee' : 'Vendor';
        resolveRef(books, data, 'EntityRef', kind, 'DisplayName', ctx, previous?.EntityRef);
        (data.EntityRef as Json).type = kind;
      }
      resolveLineAccounts(books, data, ctx);
      data.TxnDate ??= books.today();
      numberLines(data);
      data.TotalAmt = sumLines(data);
      data.CurrencyRef ??= currencyRef(home);
      return;
    }
    case 'BillPayment': {
      need(data, 'VendorRef');
      need(data, 'PayType');
      resolveRef(books, data, 'VendorRef', 'Vendor', 'DisplayName', ctx, previous?.VendorRef);
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
      const payBefore =
        data.PayType === 'CreditCard' ? previous?.CreditCardPayment : previous?.CheckPayment;
      resolveRef(
        books,
        pay,
        accountField,
        'Account',
        'Name',
        ctx,
        (payBefore as Json | undefined)?.[accountField],
      );
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
      resolveRef(books, data, 'CustomerRef', 'Customer', 'DisplayName', ctx, previous?.CustomerRef);
      if (!data.DepositToAccountRef) {
        const uf = books.table('Account').rows.find((r) => r.data.Name === 'Undeposited Funds');
        if (uf) data.DepositToAccountRef = { value: uf.data.Id };
      } else
        // Without a name, as both recorded payments carry it (qbo-api.md §5 "References").
        resolveRef(
          books,
          data,
          'DepositToAccountRef',
          'Account',
          null,
          ctx,
          previous?.DepositToAccountRef,
        );
      data.TxnDate ??= books.today();
      data.TotalAmt = round2(num(data.TotalAmt));
      applyPaymentLines(books, data, previous);
      const unapplied = round2(num(data.TotalAmt) - sumLines(data));
      data.UnappliedAmt = unapplied;
      if (unapplied < 0)
        throw businessRule(
          `The amount applied (${sumLines(data).toFixed(2)}) is more than the payment (${num(data.TotalAmt).toFixed(2)}).`,
        );
      data.ProcessPayment ??= false;
      data.CurrencyRef ??= currencyRef(home);
      return;
    }
    case 'Deposit': {
      need(data, 'DepositToAccountRef');
      resolveRef(
        books,
        data,
        'DepositToAccountRef',
        'Account',
        'Name',
        ctx,
        previous?.DepositToAccountRef,
      );
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

/** What this payment applied to each invoice in its stored version (given back before it is re-applied). */
function appliedBefore(previous: Json | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of lines(previous ?? {}))
    for (const l of (line.LinkedTxn as Json[] | undefined) ?? [])
      if (l.TxnType === 'Invoice')
        out.set(String(l.TxnId), round2((out.get(String(l.TxnId)) ?? 0) + num(line.Amount)));
  return out;
}

/**
 * A payment's lines apply it to open invoices of its customer. Each line gets the `LineEx` QBO writes on
 * it (fixtures payment_customer_full_invoice, payment_customer_linked_invoice_deposit: txnId, the
 * invoice's open balance before this payment, its DocNumber). Applying more than an invoice still owes, or
 * to another customer's invoice, is refused with 6000 (QBO refuses both in its screens; the API's exact
 * fault is UNVERIFIED, docs/qbo-api.md §5.7).
 */
function applyPaymentLines(books: Books, data: Json, previous: Json | undefined): void {
  const before = appliedBefore(previous);
  const customer = refId(data.CustomerRef);
  const applying = new Map<string, number>();
  for (const line of lines(data)) {
    const amount = round2(num(line.Amount));
    line.Amount = amount;
    if (amount < 0) throw businessRule('A payment line amount cannot be negative.');
    for (const l of (line.LinkedTxn as Json[] | undefined) ?? []) {
      if (l.TxnType !== 'Invoice') continue;
      const id = String(l.TxnId);
      const invoice = books.data('Invoice', id);
      if (!invoice) throw invalidReference('Invoice', id);
      if (refId(invoice.CustomerRef) !== customer)
        throw businessRule(
          `Invoice ${String(invoice.DocNumber ?? id)} belongs to another customer; a payment applies only to its own customer's invoices.`,
        );
      const open = round2(num(invoice.Balance) + (before.get(id) ?? 0));
      const total = round2((applying.get(id) ?? 0) + amount);
      if (total > open)
        throw businessRule(
          `The amount applied to invoice ${String(invoice.DocNumber ?? id)} (${total.toFixed(2)}) is more than its open balance (${open.toFixed(2)}).`,
        );
      applying.set(id, total);
      line.LineEx = lineEx(id, open, invoice.DocNumber);
    }
  }
}

/** The JAXB NameValue list QBO serialises on a payment line (fixture payment_customer_full_invoice). */
function lineEx(txnId: string, open: number, docNumber: unknown): Json {
  const nv = (name: string, value: string): Json => ({
    name: '{http://schema.intuit.com/finance/v3}NameValue',
    declaredType: 'com.intuit.schema.finance.v3.NameValue',
    scope: 'javax.xml.bind.JAXBElement$GlobalScope',
    value: { Name: name, Value: value },
    nil: false,
    globalScope: true,
    typeSubstituted: false,
  });
  const any = [nv('txnId', txnId), nv('txnOpenBalance', open.toFixed(2))];
  if (docNumber !== undefined) any.push(nv('txnReferenceNumber', String(docNumber)));
  return { any };
}
