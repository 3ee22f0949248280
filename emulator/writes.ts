// Create, update (sparse and full, checked against SyncToken), delete and void, with derived amounts
// moving as QBO's do. Used alike by the API, the admin endpoints, the generator and --data loading.
import { isList, isTxn, type EntityName } from './entities.ts';
import {
  businessRule,
  invalidId,
  invalidProperty,
  objectNotFound,
  QboFault,
  requiredMissing,
  staleObject,
} from './errors.ts';
import { applyEffects, lines } from './derived.ts';
import { normalize } from './normalize.ts';
import type { Books, Rec } from './store.ts';
import { metaTime, toWire, type Json } from './wire.ts';

/** QBO-owned keys a client may send but never sets. */
const OWNED = ['Id', 'SyncToken', 'MetaData', 'domain', 'sparse', 'status'];

/** A deep copy of plain JSON (what bodies are), several times faster than structuredClone. */
function copyJson<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(copyJson) as T;
  const out: Json = {};
  for (const k in v) out[k] = copyJson((v as Json)[k]);
  return out as T;
}
const clone = (data: Json): Json => copyJson(data);

function checkId(id: unknown): string {
  if (id === undefined || id === null || id === '') throw requiredMissing('Id');
  const text = String(id);
  if (!/^\d+$/.test(text)) throw invalidId(text);
  return text;
}

/** Create as if someone entered it in QBO. `atMs` defaults to the emulator clock; the generator back-dates. */
export function createRecord(
  books: Books,
  entity: EntityName,
  body: Json,
  atMs = books.clock.now(),
  opts: { keepId?: boolean } = {},
): Rec {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new QboFault({
      message: 'Request has invalid or unsupported property',
      detail: 'Property Name:the request body specified is unsupported or invalid',
      code: '2010',
    });
  const data = clone(body);
  const keepId = opts.keepId && data.Id !== undefined;
  const createTime =
    typeof (data.MetaData as Json | undefined)?.CreateTime === 'string' && opts.keepId
      ? String((data.MetaData as Json).CreateTime)
      : metaTime(atMs);
  for (const k of OWNED) delete data[k];
  normalize(books, entity, data, undefined, { loading: opts.keepId === true });
  const id = keepId ? String(body.Id) : books.nextId(entity);
  if (keepId) books.noteId(entity, id);
  const rec = books.insert(
    entity,
    {
      domain: 'QBO',
      sparse: false,
      Id: id,
      SyncToken: keepId && body.SyncToken !== undefined ? String(body.SyncToken) : '0',
      MetaData: { CreateTime: createTime, LastUpdatedTime: metaTime(atMs) },
      ...data,
    },
    atMs,
  );
  books.effects(atMs, () => applyEffects(books, entity, rec.data, 1, atMs), 'create');
  return rec;
}

/**
 * Fields QBO wants in a sparse update body even though the record has them: a bill's vendor or a
 * purchase's payment type and account when the body carries `Line`, an account's name always (3P reports:
 * EpicenterHQ/epicenter#2346 for Bill and Purchase, intuit/quickbooks-online-mcp-server#79 for Account;
 * the recorded account update sent `Name` too, fixture account_sparse_update_noop_response). UNVERIFIED
 * on the wire (docs/qbo-api.md §5.9); the emulator is strict so that no client comes to rely on leaving
 * them out.
 */
function sparseRequired(entity: EntityName, body: Json): string[] {
  if (entity === 'Account') return ['Name'];
  if (body.Line === undefined) return [];
  if (entity === 'Bill') return ['VendorRef'];
  if (entity === 'Purchase') return ['PaymentType', 'AccountRef'];
  return [];
}

function checkSyncToken(books: Books, rec: Rec, body: Json): void {
  if (body.SyncToken === undefined || body.SyncToken === null) throw requiredMissing('SyncToken');
  if (String(body.SyncToken) !== rec.data.SyncToken) throw staleObject(books.userName);
}

/**
 * Sparse (`sparse: true`) or full update; a stale SyncToken is QBO's 5010, a no-op does not bump (fixture
 * account_sparse_update_noop_response). A sparse body's top-level fields replace the stored ones whole, so
 * a `Line` list replaces every line (qbo-api.md §5.9). `api` marks a request from a client (the admin
 * edits, "someone in QBO", skip the SyncToken and the fields a client must send).
 */
export function updateRecord(
  books: Books,
  entity: EntityName,
  body: Json,
  opts: { checkSyncToken?: boolean; sparse?: boolean; atMs?: number; api?: boolean } = {},
): Rec {
  const at = opts.atMs ?? books.clock.now();
  const id = checkId(body.Id);
  const rec = books.get(entity, id);
  if (!rec) throw objectNotFound();
  if (opts.checkSyncToken !== false) checkSyncToken(books, rec, body);
  const sparse = opts.sparse ?? body.sparse === true;
  if (sparse && opts.api)
    for (const field of sparseRequired(entity, body))
      if (body[field] === undefined || body[field] === null || body[field] === '')
        throw requiredMissing(field);
  const previous = rec.data;
  const incoming = clone(body);
  for (const k of OWNED) delete incoming[k];
  const next: Json = sparse ? { ...clone(previous), ...incoming } : { ...incoming };
  for (const k of OWNED) delete next[k];
  normalize(books, entity, next, previous);
  const merged: Json = {
    domain: 'QBO',
    sparse: false,
    Id: id,
    SyncToken: previous.SyncToken,
    MetaData: { ...(previous.MetaData as Json) },
    ...next,
  };
  if (toWire(merged) === toWire(previous)) return rec;
  books.effects(at, () => {
    applyEffects(books, entity, previous, -1, at);
    rec.data = merged;
    books.replaced(rec);
    books.bump(rec, at);
    applyEffects(books, entity, rec.data, 1, at);
  });
  return rec;
}

/** Email address as QBO would take it (a plain check: one @, a dot in the domain, no spaces). */
const emailLike = (text: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);

/**
 * Invoice send (`POST /invoice/{id}/send[?sendTo=]`, Intuit's Invoice reference "Send an invoice",
 * docs/qbo-api.md §5.13): EmailStatus EmailSent, DeliveryInfo {Email, time}, BillEmail = sendTo when
 * given. The reference's sample answer keeps SyncToken "0" with a later LastUpdatedTime, so the send is a
 * change QBO makes (a touch), not an edit (UNVERIFIED on the wire). No address at all is refused with 2020
 * on `sendTo`, and an address that is not one with 2010 (both UNVERIFIED).
 */
export function sendInvoice(
  books: Books,
  id: string,
  sendTo: string | null,
  atMs = books.clock.now(),
): Rec {
  const rec = books.get('Invoice', checkId(id));
  if (!rec) throw objectNotFound();
  const current = (rec.data.BillEmail as Json | undefined)?.Address;
  const address = sendTo ?? (typeof current === 'string' ? current : '');
  if (!address.trim())
    throw new QboFault({
      message: 'Required param missing, need to supply the required value for the API',
      detail:
        'Required parameter sendTo is missing in the request: the invoice has no BillEmail address to send it to',
      code: '2020',
      element: 'sendTo',
    });
  if (!emailLike(address.trim())) throw invalidProperty(`sendTo (${address})`);
  const data = clone(rec.data);
  data.BillEmail = { Address: address.trim() };
  data.EmailStatus = 'EmailSent';
  data.DeliveryInfo = { DeliveryType: 'Email', DeliveryTime: metaTime(atMs) };
  rec.data = data;
  books.replaced(rec);
  books.touch(rec, atMs);
  return rec;
}

function hasPayments(data: Json): boolean {
  return (
    Array.isArray(data.LinkedTxn) &&
    (data.LinkedTxn as Json[]).some(
      (l) =>
        l.TxnType === 'BillPaymentCheck' ||
        l.TxnType === 'Payment' ||
        l.TxnType === 'BillPaymentCreditCard',
    )
  );
}

/** `operation=delete`: transactions only (name lists are made inactive instead, qbo-api.md §5.3). */
export function deleteRecord(
  books: Books,
  entity: EntityName,
  body: Json,
  opts: { checkSyncToken?: boolean; atMs?: number } = {},
): Rec {
  const at = opts.atMs ?? books.clock.now();
  if (!isTxn(entity))
    throw new QboFault({
      message: 'Unsupported Operation',
      detail: `Operation Delete is not supported for ${entity}${isList(entity) ? '; make it inactive instead' : ''}`,
      code: '500',
    });
  const id = checkId(body.Id);
  const rec = books.get(entity, id);
  if (!rec) throw objectNotFound();
  if (opts.checkSyncToken !== false) checkSyncToken(books, rec, body);
  // "You must unlink any linked transactions associated with the bill object before deleting it"
  // (Intuit's Bill reference, "Delete a bill"); the fault QBO gives is UNVERIFIED (docs/qbo-api.md §5.4).
  if (hasPayments(rec.data))
    throw businessRule('This transaction has payments linked to it. Delete the payments first.');
  books.effects(at, () => {
    applyEffects(books, entity, rec.data, -1, at);
    books.remove(rec, at);
  });
  return rec;
}

/** `operation=void` (wire fixture invoice_void_response): amounts to 0, PrivateNote "Voided", the record stays. */
export function voidRecord(
  books: Books,
  entity: EntityName,
  body: Json,
  opts: { atMs?: number } = {},
): Rec {
  const at = opts.atMs ?? books.clock.now();
  const id = checkId(body.Id);
  const rec = books.get(entity, id);
  if (!rec) throw objectNotFound();
  checkSyncToken(books, rec, body);
  if (
    entity !== 'Invoice' &&
    entity !== 'Payment' &&
    entity !== 'BillPayment' &&
    entity !== 'SalesReceipt'
  )
    throw new QboFault({
      message: 'Unsupported Operation',
      detail: `Operation Void is not supported for ${entity}`,
      code: '500',
    });
  if (hasPayments(rec.data))
    throw businessRule('This transaction has payments linked to it. Delete the payments first.');
  books.effects(at, () => {
    applyEffects(books, entity, rec.data, -1, at);
    const data = clone(rec.data);
    for (const line of lines(data)) line.Amount = 0;
    if (data.TxnTaxDetail) (data.TxnTaxDetail as Json).TotalTax = 0;
    data.TotalAmt = 0;
    if (data.Balance !== undefined) data.Balance = 0;
    if (data.UnappliedAmt !== undefined) data.UnappliedAmt = 0;
    data.PrivateNote = 'Voided';
    rec.data = data;
    books.replaced(rec);
    books.bump(rec, at);
    applyEffects(books, entity, rec.data, 1, at);
  });
  return rec;
}
