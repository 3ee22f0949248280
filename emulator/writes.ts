// Create, update (sparse and full, checked against SyncToken), delete and void, with derived amounts
// moving as QBO's do. Used alike by the API, the admin endpoints, the generator and --data loading.
import { isList, isTxn, type EntityName } from './entities.ts';
import {
  businessRule,
  objectNotFound,
  QboFault,
  requiredMissing,
  staleObject,
  invalidId,
} from './errors.ts';
import { applyEffects, lines } from './derived.ts';
import { normalize } from './normalize.ts';
import type { Books, Rec } from './store.ts';
import { metaTime, toWire, type Json } from './wire.ts';

/** QBO-owned keys a client may send but never sets. */
const OWNED = ['Id', 'SyncToken', 'MetaData', 'domain', 'sparse', 'status'];

const clone = (data: Json): Json => structuredClone(data);

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
  normalize(books, entity, data);
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
  applyEffects(books, entity, rec.data, 1, atMs);
  return rec;
}

/** Sparse (`sparse: true`) or full update; a stale SyncToken is QBO's 5010, a no-op does not bump (fixture account_sparse_update_noop_response). */
export function updateRecord(
  books: Books,
  entity: EntityName,
  body: Json,
  opts: { checkSyncToken?: boolean; sparse?: boolean; atMs?: number } = {},
): Rec {
  const at = opts.atMs ?? books.clock.now();
  const id = checkId(body.Id);
  const rec = books.get(entity, id);
  if (!rec) throw objectNotFound();
  if (opts.checkSyncToken !== false) {
    if (body.SyncToken === undefined || body.SyncToken === null) throw requiredMissing('SyncToken');
    if (String(body.SyncToken) !== rec.data.SyncToken) throw staleObject();
  }
  const sparse = opts.sparse ?? body.sparse === true;
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
  applyEffects(books, entity, previous, -1, at);
  rec.data = merged;
  books.bump(rec, at);
  applyEffects(books, entity, rec.data, 1, at);
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
  if (opts.checkSyncToken !== false) {
    if (body.SyncToken === undefined || body.SyncToken === null) throw requiredMissing('SyncToken');
    if (String(body.SyncToken) !== rec.data.SyncToken) throw staleObject();
  }
  if (hasPayments(rec.data))
    throw businessRule('This transaction has payments linked to it. Delete the payments first.');
  applyEffects(books, entity, rec.data, -1, at);
  books.remove(rec, at);
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
  if (body.SyncToken === undefined || body.SyncToken === null) throw requiredMissing('SyncToken');
  if (String(body.SyncToken) !== rec.data.SyncToken) throw staleObject();
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
  applyEffects(books, entity, rec.data, -1, at);
  const data = clone(rec.data);
  for (const line of lines(data)) line.Amount = 0;
  if (data.TxnTaxDetail) (data.TxnTaxDetail as Json).TotalTax = 0;
  data.TotalAmt = 0;
  if (data.Balance !== undefined) data.Balance = 0;
  if (data.UnappliedAmt !== undefined) data.UnappliedAmt = 0;
  data.PrivateNote = 'Voided';
  rec.data = data;
  books.bump(rec, at);
  applyEffects(books, entity, rec.data, 1, at);
  return rec;
}
