// The Accounting API v3 under /v3/company/{realmId}/ (qbo-api.md §2–§5): query (GET and POST
// application/text), read, create, update, delete, void, invoice send, cdc, companyinfo, preferences;
// requestid makes a write idempotent. Returns the answer and the endpoint name the counters use.
import { entityByName, entityNames, isTxn, type EntityName } from './entities.ts';
import {
  faultAnswer,
  QboFault,
  unsupportedOperation,
  invalidQuery,
  type Answer,
} from './errors.ts';
import { parseQuery } from './query.ts';
import { queryResponse } from './query-run.ts';
import { recJson, type Books, type Rec } from './store.ts';
import { envelopeTime, metaTime, parseQboTime, type Json } from './wire.ts';
import { createRecord, deleteRecord, sendInvoice, updateRecord, voidRecord } from './writes.ts';

export type ApiRequest = {
  method: string;
  path: string;
  rest: string[];
  params: URLSearchParams;
  body: string;
  contentType: string;
};
/** `replayed`: the answer came from the requestid cache, nothing was applied. */
export type ApiResult = { answer: Answer; endpoint: string; write: boolean; replayed?: boolean };

export const CDC_MAX = 1000;
const CDC_WINDOW_MS = 30 * 86_400_000;

const ok = (body: string): Answer => ({
  status: 200,
  body,
  headers: { 'content-type': 'application/json;charset=utf-8' },
});
const single = (entity: string, rec: Rec, now: number): Answer =>
  ok(`{"${entity}":${recJson(rec)},"time":"${envelopeTime(now)}"}`);

/** Entity from a path segment: URIs are case sensitive and lower-case (`/bill`, `/billpayment`). */
const entityFromSegment = (segment: string | undefined): EntityName | undefined => {
  const e = segment ? entityByName(segment) : undefined;
  return e && e.toLowerCase() === segment ? e : undefined;
};

function parseBody(body: string): Json {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new QboFault({
      message: 'Request has invalid or unsupported property',
      detail: `Property Name:Can not parse the request body: ${(error as Error).message} specified is unsupported or invalid`,
      code: '2010',
    });
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new QboFault({
      message: 'Request has invalid or unsupported property',
      detail:
        'Property Name:the request body must be a JSON object specified is unsupported or invalid',
      code: '2010',
    });
  return parsed as Json;
}

export function handleApi(books: Books, req: ApiRequest): ApiResult {
  const now = books.clock.now();
  const [first, second, third] = req.rest;
  let endpoint = first ?? '';
  let write = false;
  try {
    if (first === 'query' && !second) {
      const text = req.method === 'POST' ? req.body : (req.params.get('query') ?? '');
      if (!text.trim()) throw invalidQuery('the query is empty');
      return { answer: ok(queryResponse(books, parseQuery(text), now)), endpoint: 'query', write };
    }
    if (first === 'cdc' && !second && req.method === 'GET')
      return { answer: cdc(books, req.params, now), endpoint: 'cdc', write };
    if (first === 'companyinfo' && req.method === 'GET') {
      endpoint = 'companyinfo';
      const rec = books.table('CompanyInfo').rows[0];
      if (
        !rec ||
        (second !== undefined && second !== books.realmId && second !== String(rec.data.Id)) ||
        third
      )
        throw unsupportedOperation(req.path);
      return { answer: single('CompanyInfo', rec, now), endpoint, write };
    }
    if (first === 'preferences' && !second && req.method === 'GET') {
      const rec = books.table('Preferences').rows[0];
      if (!rec) throw unsupportedOperation(req.path);
      return { answer: single('Preferences', rec, now), endpoint: 'preferences', write };
    }
    const entity = entityFromSegment(first);
    const send = entity === 'Invoice' && third === 'send' && !req.rest[3] && req.method === 'POST';
    if (!entity || entity === 'CompanyInfo' || entity === 'Preferences' || (third && !send))
      throw unsupportedOperation(req.path);
    if (req.method === 'GET' && second) {
      endpoint = 'read';
      if (!/^\d+$/.test(second))
        throw new QboFault({
          message: 'Invalid ID',
          detail: `Id should be a valid number. Supplied value:${second}`,
          code: '2030',
          element: 'Id',
        });
      const rec = books.get(entity, second);
      if (!rec)
        throw new QboFault({
          message: 'Object Not Found',
          detail: `Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.`,
          code: '610',
          element: '',
        });
      return { answer: single(entity, rec, now), endpoint, write };
    }
    if (req.method !== 'POST' || (second && !send)) throw unsupportedOperation(req.path);
    write = true;
    const operation = send ? 'send' : req.params.get('operation');
    endpoint =
      operation === 'delete' || operation === 'void' || operation === 'send' ? operation : 'create';
    const requestId = req.params.get('requestid');
    const key = requestId ? `${entity}|${operation ?? ''}|${requestId}` : null;
    if (requestId && requestId.length > 50)
      throw new QboFault({
        message: 'Invalid requestid',
        detail: 'requestid must be at most 50 characters',
        code: '2010',
        element: 'requestid',
      });
    const cached = key ? books.idempotent.get(key) : undefined;
    if (cached) return { answer: cached, endpoint, write, replayed: true };
    let answer: Answer;
    if (send) {
      // The send takes no body (application/octet-stream, Intuit's Invoice reference "Send an invoice").
      answer = single(entity, sendInvoice(books, second as string, req.params.get('sendTo')), now);
    } else {
      const body = parseBody(req.body);
      if (operation === 'delete') {
        const rec = deleteRecord(books, entity, body);
        answer = ok(
          `{"${entity}":{"domain":"QBO","status":"Deleted","Id":${JSON.stringify(rec.data.Id)}},"time":"${envelopeTime(now)}"}`,
        );
      } else if (operation === 'void') {
        answer = single(entity, voidRecord(books, entity, body), now);
      } else if (operation === 'update' || (operation === null && body.Id !== undefined)) {
        endpoint = 'update';
        answer = single(entity, updateRecord(books, entity, body, { api: true }), now);
      } else if (operation === null || operation === 'create') {
        answer = single(entity, createRecord(books, entity, body), now);
      } else
        throw new QboFault({
          message: 'Unsupported Operation',
          detail: `Operation ${operation} is not supported.`,
          code: '500',
        });
    }
    if (key) books.idempotent.set(key, answer);
    return { answer, endpoint, write };
  } catch (error) {
    if (error instanceof QboFault) return { answer: faultAnswer(error.spec, now), endpoint, write };
    throw error;
  }
}

/** Change data capture (qbo-api.md §4): one QueryResponse per entity asked for, deleted ones as status "Deleted". */
function cdc(books: Books, params: URLSearchParams, now: number): Answer {
  const names = (params.get('entities') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0)
    throw new QboFault({
      message: 'Required param missing, need to supply the required value for the API',
      detail: 'Required parameter entities is missing in the request',
      code: '2020',
      element: 'entities',
    });
  const entities: EntityName[] = [];
  for (const n of names) {
    const e = entityByName(n);
    if (
      !e ||
      (!isTxn(e) &&
        ![
          'Account',
          'Vendor',
          'Customer',
          'Item',
          'Term',
          'Employee',
          'Class',
          'PaymentMethod',
        ].includes(e))
    )
      throw invalidQuery(`invalid context declaration: ${n}`);
    if (!entities.includes(e)) entities.push(e);
  }
  const sinceText = params.get('changedSince');
  if (!sinceText)
    throw new QboFault({
      message: 'Required param missing, need to supply the required value for the API',
      detail: 'Required parameter changedSince is missing in the request',
      code: '2020',
      element: 'changedSince',
    });
  const since = parseQboTime(sinceText);
  if (Number.isNaN(since))
    throw new QboFault({
      message: 'Invalid Date',
      detail: `changedSince is not a valid date-time: ${sinceText}`,
      code: '2040',
      element: 'changedSince',
    });
  // "CDC operations can track changes within the last 30 days" (DOC [D14]); QBO answered 200 in the one recording (docs/qbo-api.md §4): refused here so no client relies on it.
  if (since < now - CDC_WINDOW_MS)
    throw new QboFault({
      message: 'Invalid Date',
      detail: `changedSince ${sinceText} is older than 30 days. Change data capture can track changes within the last 30 days only.`,
      code: '2040',
      element: 'changedSince',
    });
  type Item = { entity: EntityName; updated: number; json: string };
  const items: Item[] = [];
  for (const e of entities) {
    for (const r of books.table(e).rows)
      if (r.updated > since) items.push({ entity: e, updated: r.updated, json: recJson(r) });
    for (const t of books.tombstones)
      if (t.entity === e && t.updated > since)
        items.push({
          entity: e,
          updated: t.updated,
          json: `{"domain":"QBO","status":"Deleted","Id":${JSON.stringify(t.id)},"MetaData":{"LastUpdatedTime":"${metaTime(t.updated)}"}}`,
        });
  }
  // At most 1000 objects in all: the oldest changes first, so a client can continue from the last one's time.
  items.sort((a, b) => a.updated - b.updated);
  const kept = items.slice(0, CDC_MAX);
  const parts = entities.map((e) => {
    const mine = kept.filter((i) => i.entity === e);
    return mine.length
      ? `{"${e}":[${mine.map((i) => i.json).join(',')}],"startPosition":1,"maxResults":${mine.length}}`
      : '{}';
  });
  return ok(
    `{"CDCResponse":[{"QueryResponse":[${parts.join(',')}]}],"time":"${envelopeTime(now)}"}`,
  );
}

export const knownEntities = entityNames;
