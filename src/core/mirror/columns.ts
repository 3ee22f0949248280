// From a raw QBO record to the mirror row: the key, the version, and the columns the screens query.
// Bad values never throw: they become null columns plus a named problem, so a malformed record is
// stored and flagged rather than dropped (the sync counts fetched = stored + rejected).
import { mirroredEntities, type MirroredEntity } from './entities.ts';
import { isUncategorizedAccountName } from '../hygiene/codes.ts';
import { toCents } from './money.ts';

export type ColumnValue = string | number | null;

export type MirrorRow = {
  qboId: string;
  version: string;
  lastUpdated: string | null;
  deleted: boolean;
  columns: Record<string, ColumnValue>;
  problems: string[];
};

export type Rejected = { reason: string; qboId: string | null };

type Rec = Record<string, unknown>;

const maxText = 2000;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

const asRecord = (v: unknown): Rec | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : undefined);

function text(v: unknown, field: string, problems: string[]): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
    problems.push(`${field}: not text`);
    return null;
  }
  const s = String(v);
  if (s.length > maxText) {
    problems.push(`${field}: longer than ${maxText} characters, cut`);
    return s.slice(0, maxText);
  }
  return s;
}

function date(v: unknown, field: string, problems: string[]): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' && datePattern.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))) return v;
  problems.push(`${field}: not a date (YYYY-MM-DD)`);
  return null;
}

// Larger than any real small-business amount: a sign of bad data, not of a big sale.
const absurdCents = 1e13;

function money(v: unknown, field: string, problems: string[]): number | null {
  if (v === undefined || v === null) return null;
  const cents = toCents(v);
  if (cents === undefined) {
    problems.push(`${field}: not a number`);
    return null;
  }
  if (Math.abs(cents) >= absurdCents) {
    problems.push(`${field}: absurd amount ${String(v)}`);
    return null;
  }
  return cents;
}

const ref = (v: unknown): Rec | undefined => asRecord(v);
const refValue = (v: unknown, field: string, problems: string[]) => text(ref(v)?.value, `${field}.value`, problems);
const refName = (v: unknown, field: string, problems: string[]) => text(ref(v)?.name, `${field}.name`, problems);
/** An ISO 4217 code (QBO's CurrencyRef.value, e.g. "USD"); anything else is flagged, not stored. */
function currency(v: unknown, problems: string[]): string | null {
  const code = ref(v)?.value;
  if (code === undefined || code === null) return null;
  if (typeof code === 'string' && /^[A-Z]{3}$/.test(code)) return code;
  problems.push('CurrencyRef.value: not a currency code');
  return null;
}

const bool = (v: unknown): number | null => (typeof v === 'boolean' ? (v ? 1 : 0) : null);

const rate = (v: unknown, field: string, p: string[]): number | null => {
  if (v === undefined || v === null) return null;
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) {
    p.push(`${field}: not a positive number`);
    return null;
  }
  return n;
};

/**
 * The first account-based line posted to an "uncategorized" account (Uncategorized Expense/Income, Ask
 * My Accountant), or null. Item lines (ItemBasedExpenseLineDetail, SalesItemLineDetail) carry no
 * AccountRef and are ignored. Line shape: qbo-api.md §5.1, fixtures bill_open_single_line.json.
 */
function uncategorizedAccount(lines: unknown): string | null {
  if (!Array.isArray(lines)) return null;
  for (const line of lines) {
    const name = asRecord(asRecord(asRecord(line)?.AccountBasedExpenseLineDetail)?.AccountRef)?.name;
    if (typeof name === 'string' && isUncategorizedAccountName(name)) return name.slice(0, 200);
  }
  return null;
}

/**
 * The items a record's item lines use, as ",12,45," so SQL can match one with instr(), or null when the
 * record has no item line. An item line posts to the item's account (mirror_items), not to an AccountRef
 * of its own. Line shapes: qbo-api.md §5.1 (ItemBasedExpenseLineDetail), §5.2 (SalesItemLineDetail).
 */
function itemIds(lines: unknown): string | null {
  if (!Array.isArray(lines)) return null;
  const ids = new Set<string>();
  for (const line of lines) {
    const l = asRecord(line);
    const ref = asRecord(asRecord(l?.ItemBasedExpenseLineDetail)?.ItemRef ?? asRecord(l?.SalesItemLineDetail)?.ItemRef);
    if (typeof ref?.value === 'string' || typeof ref?.value === 'number') ids.add(String(ref.value));
  }
  return ids.size ? `,${[...ids].join(',')},` : null;
}

/** The uncategorized account an item posts to (income or expense side), or null. */
function itemUncategorizedAccount(r: Rec): string | null {
  for (const key of ['IncomeAccountRef', 'ExpenseAccountRef']) {
    const name = asRecord(r[key])?.name;
    if (typeof name === 'string' && isUncategorizedAccountName(name)) return name.slice(0, 200);
  }
  return null;
}

/** The BillPayment that paid a bill, from the bill's LinkedTxn (QBO says BillPaymentCheck even for card payments). */
function payingBillPayment(linked: unknown): string | null {
  if (!Array.isArray(linked)) return null;
  for (const l of linked) {
    const r = asRecord(l);
    if (typeof r?.TxnType === 'string' && r.TxnType.startsWith('BillPayment') && (typeof r.TxnId === 'string' || typeof r.TxnId === 'number')) return String(r.TxnId);
  }
  return null;
}

/** QBO voids a transaction by zeroing its amounts and setting PrivateNote "Voided" (wire: invoice_void_response.json). */
const voided = (r: Rec): number => (r.PrivateNote === 'Voided' ? 1 : 0);

const linkedTo = (linked: unknown, txnType: string): number =>
  Array.isArray(linked) && linked.some((l) => asRecord(l)?.TxnType === txnType) ? 1 : 0;

type Extractor = (r: Rec, p: string[]) => Record<string, ColumnValue>;

const extractors: Record<MirroredEntity, Extractor> = {
  CompanyInfo: (r, p) => ({ company_name: text(r.CompanyName, 'CompanyName', p), country: text(r.Country, 'Country', p) }),
  Item: (r, p) => ({
    name: text(r.Name, 'Name', p),
    item_type: text(r.Type, 'Type', p),
    active: bool(r.Active) ?? 1,
    uncategorized_account: itemUncategorizedAccount(r),
  }),
  Account: (r, p) => ({
    name: text(r.Name, 'Name', p),
    account_type: text(r.AccountType, 'AccountType', p),
    account_sub_type: text(r.AccountSubType, 'AccountSubType', p),
    active: bool(r.Active) ?? 1,
    current_balance_cents: money(r.CurrentBalance, 'CurrentBalance', p),
    // Multicurrency companies: the balance in home currency, so a foreign bank account can count as cash.
    current_balance_home_cents: money(r.CurrentBalanceInHomeCurrency, 'CurrentBalanceInHomeCurrency', p),
    currency: currency(r.CurrencyRef, p),
  }),
  Vendor: (r, p) => ({
    display_name: text(r.DisplayName, 'DisplayName', p),
    active: bool(r.Active) ?? 1,
    balance_cents: money(r.Balance, 'Balance', p),
    currency: currency(r.CurrencyRef, p),
  }),
  Customer: (r, p) => ({
    display_name: text(r.DisplayName, 'DisplayName', p),
    active: bool(r.Active) ?? 1,
    balance_cents: money(r.Balance, 'Balance', p),
    currency: currency(r.CurrencyRef, p),
  }),
  Bill: (r, p) => ({
    vendor_id: refValue(r.VendorRef, 'VendorRef', p),
    vendor_name: refName(r.VendorRef, 'VendorRef', p),
    doc_number: text(r.DocNumber, 'DocNumber', p),
    txn_date: date(r.TxnDate, 'TxnDate', p),
    due_date: date(r.DueDate, 'DueDate', p),
    total_cents: money(r.TotalAmt, 'TotalAmt', p),
    balance_cents: money(r.Balance, 'Balance', p),
    currency: currency(r.CurrencyRef, p),
    exchange_rate: rate(r.ExchangeRate, 'ExchangeRate', p),
    uncategorized_account: uncategorizedAccount(r.Line),
    item_ids: itemIds(r.Line),
    paid_by_bill_payment_id: payingBillPayment(r.LinkedTxn),
    voided: voided(r),
  }),
  Invoice: (r, p) => ({
    customer_id: refValue(r.CustomerRef, 'CustomerRef', p),
    customer_name: refName(r.CustomerRef, 'CustomerRef', p),
    doc_number: text(r.DocNumber, 'DocNumber', p),
    txn_date: date(r.TxnDate, 'TxnDate', p),
    due_date: date(r.DueDate, 'DueDate', p),
    total_cents: money(r.TotalAmt, 'TotalAmt', p),
    balance_cents: money(r.Balance, 'Balance', p),
    currency: currency(r.CurrencyRef, p),
    email_status: text(r.EmailStatus, 'EmailStatus', p),
    exchange_rate: rate(r.ExchangeRate, 'ExchangeRate', p),
    uncategorized_account: uncategorizedAccount(r.Line),
    item_ids: itemIds(r.Line),
    voided: voided(r),
  }),
  BillPayment: (r, p) => ({
    vendor_id: refValue(r.VendorRef, 'VendorRef', p),
    pay_type: text(r.PayType, 'PayType', p),
    bank_account_id: refValue(asRecord(r.CheckPayment)?.BankAccountRef ?? asRecord(r.CreditCardPayment)?.CCAccountRef, 'PaymentAccountRef', p),
    txn_date: date(r.TxnDate, 'TxnDate', p),
    total_cents: money(r.TotalAmt, 'TotalAmt', p),
    currency: currency(r.CurrencyRef, p),
  }),
  Payment: (r, p) => ({
    customer_id: refValue(r.CustomerRef, 'CustomerRef', p),
    deposit_account_id: refValue(r.DepositToAccountRef, 'DepositToAccountRef', p),
    txn_date: date(r.TxnDate, 'TxnDate', p),
    total_cents: money(r.TotalAmt, 'TotalAmt', p),
    unapplied_cents: money(r.UnappliedAmt, 'UnappliedAmt', p),
    currency: currency(r.CurrencyRef, p),
    deposited: linkedTo(r.LinkedTxn, 'Deposit'),
  }),
  Purchase: (r, p) => ({
    account_id: refValue(r.AccountRef, 'AccountRef', p),
    payee_id: refValue(r.EntityRef, 'EntityRef', p),
    payee_type: text(ref(r.EntityRef)?.type, 'EntityRef.type', p),
    payment_type: text(r.PaymentType, 'PaymentType', p),
    credit: bool(r.Credit) ?? 0,
    txn_date: date(r.TxnDate, 'TxnDate', p),
    total_cents: money(r.TotalAmt, 'TotalAmt', p),
    currency: currency(r.CurrencyRef, p),
    exchange_rate: rate(r.ExchangeRate, 'ExchangeRate', p),
    uncategorized_account: uncategorizedAccount(r.Line),
    item_ids: itemIds(r.Line),
  }),
};

/** The columns each mirror table has beyond the common key columns, in a fixed order. */
export const mirrorColumns = {} as Record<MirroredEntity, readonly string[]>;
for (const entity of mirroredEntities) mirrorColumns[entity] = Object.keys(extractors[entity]({}, []));

/** A raw record's QBO Id as text (QBO sends strings; numbers are accepted), or null when it has none. */
export function qboIdOf(raw: unknown): string | null {
  const id = asRecord(raw)?.Id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}

/**
 * Maps one QBO record to a mirror row, or rejects it with a reason when it cannot be keyed
 * (no usable Id). Deleted CDC stubs (`status: "Deleted"`) become tombstones.
 */
export function toMirrorRow(entity: MirroredEntity, raw: unknown): MirrorRow | Rejected {
  const r = asRecord(raw);
  if (!r) return { reason: `${entity}: record is not an object`, qboId: null };
  const id = qboIdOf(r) ?? '';
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(id)) return { reason: `${entity}: missing or malformed Id`, qboId: id || null };
  const meta = asRecord(r.MetaData);
  const problems: string[] = [];
  const lastUpdated = text(meta?.LastUpdatedTime, 'MetaData.LastUpdatedTime', problems);
  if (r.status === 'Deleted') {
    return { qboId: id, version: String(r.SyncToken ?? ''), lastUpdated, deleted: true, columns: {}, problems: [] };
  }
  const version = typeof r.SyncToken === 'string' || typeof r.SyncToken === 'number' ? String(r.SyncToken) : '';
  if (version === '') problems.push('SyncToken: missing');
  return { qboId: id, version, lastUpdated, deleted: false, columns: extractors[entity](r, problems), problems };
}

export const isRejected = (row: MirrorRow | Rejected): row is Rejected => 'reason' in row;
