// From a raw QBO record to the mirror row: the key, the version, and the columns the screens query.
// Bad values never throw. A value QBO would never send (an amount that is not a finite number within
// any real ledger's range, a date that is not on the calendar) is handled per field:
// - the record's own amount (TotalAmt; Balance of a bill or invoice; an account's CurrentBalance) and
//   the date that places a Purchase in the burn window refuse the record: stored with that column null,
//   every sum and the projection would read it as $0 without a word. Refused, it is not written (an
//   earlier good version stays), and the sync logs it and names it in the tray (apply.ts, raiseRejected);
// - any other bad field is stored null and flagged on the record (MALFORMED_RECORD), where the screens
//   already treat a missing value explicitly: a bill without a due date is placed in week 1 and raised as
//   MISSING_DUE_DATE, a foreign amount without a rate counts as unconverted and lowers confidence.
// The sync counts fetched = stored + rejected.
import { mirroredEntities, type MirroredEntity } from './entities.ts';
import { isUncategorizedAccountName } from '../hygiene/codes.ts';

export type ColumnValue = string | number | null;

export type MirrorRow = {
  qboId: string;
  version: string;
  lastUpdated: string | null;
  deleted: boolean;
  columns: Record<string, ColumnValue>;
  problems: string[];
};

export type Rejected = {
  reason: string;
  qboId: string | null;
  /** Set when a keyed record is refused for its values (not for a missing Id): what was wrong, per field. */
  refused?: string[];
};

type Rec = Record<string, unknown>;

/** What is wrong with a record: `flagged` fields are stored null; a `refused` field keeps the record out. */
type Problems = { flagged: string[]; refused: string[] };

const maxText = 2000;

const asRecord = (v: unknown): Rec | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : undefined;

/** A value as the problem text shows it: short, and strings quoted so "NaN" and NaN read differently. */
const shown = (v: unknown): string => {
  const s =
    typeof v === 'string' ? JSON.stringify(v) : typeof v === 'number' ? String(v) : typeof v;
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
};

function text(v: unknown, field: string, p: Problems): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
    p.flagged.push(`${field}: not text`);
    return null;
  }
  const s = String(v);
  if (s.length > maxText) {
    p.flagged.push(`${field}: longer than ${maxText} characters, cut`);
    return s.slice(0, maxText);
  }
  return s;
}

/**
 * A contact detail (an e-mail address, a phone number as typed in QBO): text or a number, trimmed, then
 * cut at maxText; blank is null. Migration 016 backfills with the same rule in SQL (json_type text,
 * integer or real; trim; substr), so a synced row and an upgraded one read the same.
 */
function contact(v: unknown, field: string, p: Problems): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' && typeof v !== 'number') {
    p.flagged.push(`${field}: not text`);
    return null;
  }
  const s = String(v).trim().slice(0, maxText);
  return s === '' ? null : s;
}

/** The person at a customer: GivenName and FamilyName, each trimmed, joined by a space; null if neither. */
function personName(given: unknown, family: unknown, p: Problems): string | null {
  const parts = [contact(given, 'GivenName', p), contact(family, 'FamilyName', p)];
  const name = parts.filter((s): s is string => s !== null).join(' ');
  return name === '' ? null : name;
}

// QBO writes dates as YYYY-MM-DD (qbo-api.md §2). A well-formed string can still name no day (2026-02-30,
// month 13: Date.parse rolls those over into the next month instead of refusing them), and a year
// outside 1900-2999 is a typo (0202 for 2022) no projection can place.
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const daysIn = (year: number, month: number): number =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A calendar date, or null with a problem; `refuse`: the record cannot be placed without it. */
function date(v: unknown, field: string, p: Problems, refuse = false): string | null {
  if (v === undefined || v === null) return null;
  const m = typeof v === 'string' ? datePattern.exec(v) : null;
  let problem: string | null = null;
  if (!m) problem = `${field}: ${shown(v)} is not a date (YYYY-MM-DD)`;
  else {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (year < 1900 || year > 2999)
      problem = `${field}: ${v as string} is outside the years 1900-2999`;
    else if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month))
      problem = `${field}: ${v as string} is not a day of the calendar`;
  }
  if (problem === null) return v as string;
  (refuse ? p.refused : p.flagged).push(problem);
  return null;
}

// The largest amount a record may carry: $100 billion (10^13 cents). QBO's own limit is not documented
// in our sources; no single amount in a small business's books comes near this, while every amount
// below it is an exact integer number of cents, and even 900 of them sum below 2^53 (Number.MAX_SAFE_INTEGER),
// so totals stay exact in JavaScript as well as in SQLite's 64-bit integers.
export const maxAmountCents = 1e13;

// JSON numbers, or decimal text ("300.00"): not hex, "Infinity", "NaN" or an empty string, which Number()
// would turn into a value.
const decimalText = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;

/** A number as QBO writes one (a JSON number, or decimal text); NaN for anything else. */
const numberOf = (v: unknown): number =>
  typeof v === 'number' ? v : typeof v === 'string' && decimalText.test(v) ? Number(v) : Number.NaN;

/** Integer cents, or null with a problem; `refuse`: the record's own amount, without which it reads as $0. */
function money(v: unknown, field: string, p: Problems, refuse = false): number | null {
  if (v === undefined || v === null) return null;
  const n = numberOf(v);
  let problem: string | null = null;
  if (!Number.isFinite(n)) problem = `${field}: ${shown(v)} is not an amount`;
  else if (Math.abs(Math.round(n * 100)) >= maxAmountCents)
    problem = `${field}: ${shown(v)} is beyond any real amount`;
  if (problem === null) return Math.round(n * 100);
  (refuse ? p.refused : p.flagged).push(problem);
  return null;
}

const ref = (v: unknown): Rec | undefined => asRecord(v);
const refValue = (v: unknown, field: string, p: Problems) =>
  text(ref(v)?.value, `${field}.value`, p);
const refName = (v: unknown, field: string, p: Problems) => text(ref(v)?.name, `${field}.name`, p);
/** An ISO 4217 code (QBO's CurrencyRef.value, e.g. "USD"); anything else is flagged, not stored. */
function currency(v: unknown, p: Problems): string | null {
  const code = ref(v)?.value;
  if (code === undefined || code === null) return null;
  if (typeof code === 'string' && /^[A-Z]{3}$/.test(code)) return code;
  p.flagged.push('CurrencyRef.value: not a currency code');
  return null;
}

const bool = (v: unknown): number | null => (typeof v === 'boolean' ? (v ? 1 : 0) : null);

// Home-currency units per foreign unit: about 89,500 for the Lebanese pound against a dollar home, so a
// rate above a million is no currency's.
const maxRate = 1e6;

const rate = (v: unknown, field: string, p: Problems): number | null => {
  if (v === undefined || v === null) return null;
  const n = numberOf(v);
  if (!Number.isFinite(n) || n <= 0 || n > maxRate) {
    p.flagged.push(`${field}: ${shown(v)} is not an exchange rate`);
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
    const name = asRecord(
      asRecord(asRecord(line)?.AccountBasedExpenseLineDetail)?.AccountRef,
    )?.name;
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
    const ref = asRecord(
      asRecord(l?.ItemBasedExpenseLineDetail)?.ItemRef ?? asRecord(l?.SalesItemLineDetail)?.ItemRef,
    );
    if (typeof ref?.value === 'string' || typeof ref?.value === 'number')
      ids.add(String(ref.value));
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
    if (
      typeof r?.TxnType === 'string' &&
      r.TxnType.startsWith('BillPayment') &&
      (typeof r.TxnId === 'string' || typeof r.TxnId === 'number')
    )
      return String(r.TxnId);
  }
  return null;
}

/** QBO voids a transaction by zeroing its amounts and setting PrivateNote "Voided" (wire: invoice_void_response.json). */
const voided = (r: Rec): number => (r.PrivateNote === 'Voided' ? 1 : 0);

const linkedTo = (linked: unknown, txnType: string): number =>
  Array.isArray(linked) && linked.some((l) => asRecord(l)?.TxnType === txnType) ? 1 : 0;

type Extractor = (r: Rec, p: Problems) => Record<string, ColumnValue>;

const extractors: Record<MirroredEntity, Extractor> = {
  CompanyInfo: (r, p) => ({
    company_name: text(r.CompanyName, 'CompanyName', p),
    country: text(r.Country, 'Country', p),
  }),
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
    current_balance_cents: money(r.CurrentBalance, 'CurrentBalance', p, true),
    // Multicurrency companies: the balance in home currency, so a foreign bank account can count as cash.
    current_balance_home_cents: money(
      r.CurrentBalanceInHomeCurrency,
      'CurrentBalanceInHomeCurrency',
      p,
    ),
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
    // Whom the collections screen calls or writes to (migration 016 fills these from stored JSON the same way).
    contact_name: personName(r.GivenName, r.FamilyName, p),
    email: contact(asRecord(r.PrimaryEmailAddr)?.Address, 'PrimaryEmailAddr.Address', p),
    phone: contact(asRecord(r.PrimaryPhone)?.FreeFormNumber, 'PrimaryPhone.FreeFormNumber', p),
    mobile: contact(asRecord(r.Mobile)?.FreeFormNumber, 'Mobile.FreeFormNumber', p),
  }),
  Bill: (r, p) => ({
    vendor_id: refValue(r.VendorRef, 'VendorRef', p),
    vendor_name: refName(r.VendorRef, 'VendorRef', p),
    doc_number: text(r.DocNumber, 'DocNumber', p),
    txn_date: date(r.TxnDate, 'TxnDate', p),
    due_date: date(r.DueDate, 'DueDate', p),
    total_cents: money(r.TotalAmt, 'TotalAmt', p, true),
    balance_cents: money(r.Balance, 'Balance', p, true),
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
    total_cents: money(r.TotalAmt, 'TotalAmt', p, true),
    balance_cents: money(r.Balance, 'Balance', p, true),
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
    bank_account_id: refValue(
      asRecord(r.CheckPayment)?.BankAccountRef ?? asRecord(r.CreditCardPayment)?.CCAccountRef,
      'PaymentAccountRef',
      p,
    ),
    txn_date: date(r.TxnDate, 'TxnDate', p),
    total_cents: money(r.TotalAmt, 'TotalAmt', p, true),
    currency: currency(r.CurrencyRef, p),
  }),
  Payment: (r, p) => ({
    customer_id: refValue(r.CustomerRef, 'CustomerRef', p),
    deposit_account_id: refValue(r.DepositToAccountRef, 'DepositToAccountRef', p),
    txn_date: date(r.TxnDate, 'TxnDate', p),
    total_cents: money(r.TotalAmt, 'TotalAmt', p, true),
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
    // The burn window counts a Purchase by this date: without it the spending would silently vanish.
    txn_date: date(r.TxnDate, 'TxnDate', p, true),
    total_cents: money(r.TotalAmt, 'TotalAmt', p, true),
    currency: currency(r.CurrencyRef, p),
    exchange_rate: rate(r.ExchangeRate, 'ExchangeRate', p),
    uncategorized_account: uncategorizedAccount(r.Line),
    item_ids: itemIds(r.Line),
  }),
};

/** The columns each mirror table has beyond the common key columns, in a fixed order. */
export const mirrorColumns = {} as Record<MirroredEntity, readonly string[]>;
for (const entity of mirroredEntities)
  mirrorColumns[entity] = Object.keys(extractors[entity]({}, { flagged: [], refused: [] }));

/** A raw record's QBO Id as text (QBO sends strings; numbers are accepted), or null when it has none. */
export function qboIdOf(raw: unknown): string | null {
  const id = asRecord(raw)?.Id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}

/**
 * Maps one QBO record to a mirror row, or rejects it with a reason when it cannot be keyed (no usable Id)
 * or carries a value QBO would never send in a field it cannot be placed without (see the top of this
 * file). Deleted CDC stubs (`status: "Deleted"`) become tombstones.
 */
export function toMirrorRow(entity: MirroredEntity, raw: unknown): MirrorRow | Rejected {
  const r = asRecord(raw);
  if (!r) return { reason: `${entity}: record is not an object`, qboId: null };
  const id = qboIdOf(r) ?? '';
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(id))
    return { reason: `${entity}: missing or malformed Id`, qboId: id || null };
  const meta = asRecord(r.MetaData);
  const p: Problems = { flagged: [], refused: [] };
  const lastUpdated = text(meta?.LastUpdatedTime, 'MetaData.LastUpdatedTime', p);
  if (r.status === 'Deleted') {
    return {
      qboId: id,
      version: String(r.SyncToken ?? ''),
      lastUpdated,
      deleted: true,
      columns: {},
      problems: [],
    };
  }
  const version =
    typeof r.SyncToken === 'string' || typeof r.SyncToken === 'number' ? String(r.SyncToken) : '';
  if (version === '') p.flagged.push('SyncToken: missing');
  const columns = extractors[entity](r, p);
  if (p.refused.length)
    return { reason: `${entity} ${id}: ${p.refused.join('; ')}`, qboId: id, refused: p.refused };
  return { qboId: id, version, lastUpdated, deleted: false, columns, problems: p.flagged };
}

export const isRejected = (row: MirrorRow | Rejected): row is Rejected => 'reason' in row;
