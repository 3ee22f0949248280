// Admin API for tests and the demo (issue 3 §7): read a record and edit the books as if someone did it in
// QBO, move the clock, read counters, set faults, revoke every token, read the planted-problems manifest.
import { entityByName } from './entities.ts';
import { QboFault, type Answer } from './errors.ts';
import { parseFaults, type Faults } from './faults.ts';
import type { OAuthServer } from './oauth.ts';
import { plantedProblems } from './planted.ts';
import { recJson, type Books } from './store.ts';
import { createRecord, deleteRecord, updateRecord } from './writes.ts';
import type { Clock } from './clock.ts';
import type { Json } from './wire.ts';

/**
 * Per realm: API requests by endpoint, all of them, the ones refused with 429, and the writes: applied
 * (answered 200 from a change made now), replayed (answered from the requestid cache, nothing applied) and
 * refused (a fault, nothing applied).
 */
export type RealmCounters = {
  requests: Record<string, number>;
  total: number;
  throttled: number;
  writes: { applied: number; replayed: number; refused: number };
};

export type Counters = { realms: Record<string, RealmCounters> };

export type AdminContext = {
  books: Map<string, Books>;
  clock: Clock;
  faults: Faults;
  oauth: OAuthServer;
  counters: Counters;
  resetCounters: () => void;
  /** Every realm's rate windows start afresh (requests in flight still count): a bench's next run. */
  forgetRequests?: () => void;
};

const json = (status: number, value: unknown): Answer => ({
  status,
  body: JSON.stringify(value),
  headers: { 'content-type': 'application/json' },
});
const bad = (message: string, status = 400): Answer => json(status, { error: message });

function parse(body: string): unknown {
  if (!body.trim()) return {};
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

export function handleAdmin(
  ctx: AdminContext,
  method: string,
  parts: string[],
  rawBody: string,
): Answer {
  const body = parse(rawBody);
  if (body === undefined) return bad('the body is not valid JSON');
  const [a, b, c, d] = parts;
  if (a === 'clock' && !b) {
    if (method === 'GET') return json(200, { now: new Date(ctx.clock.now()).toISOString() });
    if (method !== 'POST') return bad('use GET or POST', 405);
    const o = body as { advanceSeconds?: unknown; now?: unknown };
    if (typeof o.advanceSeconds === 'number' && Number.isFinite(o.advanceSeconds))
      ctx.clock.advance(o.advanceSeconds);
    else if (typeof o.now === 'string' && !Number.isNaN(Date.parse(o.now)))
      ctx.clock.set(Date.parse(o.now));
    else return bad('give {"advanceSeconds": n} or {"now": "ISO date-time"}');
    return json(200, { now: new Date(ctx.clock.now()).toISOString() });
  }
  if (a === 'counters' && !b) {
    if (method === 'DELETE') {
      ctx.resetCounters();
      return json(200, {});
    }
    return json(200, {
      ...ctx.counters,
      tokensIssued: ctx.oauth.tokensIssued,
      refreshes: ctx.oauth.refreshes,
    });
  }
  if (a === 'limits' && !b && method === 'DELETE') {
    ctx.forgetRequests?.();
    return json(200, {});
  }
  if (a === 'faults' && !b) {
    if (method === 'GET') return json(200, ctx.faults.get());
    if (method === 'DELETE') {
      ctx.faults.clear();
      return json(200, {});
    }
    const f = parseFaults(body);
    if (typeof f === 'string') return bad(f);
    return json(200, ctx.faults.set(f));
  }
  if (a === 'oauth' && b === 'revoke-all' && method === 'POST') {
    const realmId = (body as { realmId?: unknown }).realmId;
    if (realmId !== undefined && typeof realmId !== 'string')
      return bad('realmId must be a string');
    return json(200, { revoked: ctx.oauth.revokeAll(realmId) });
  }
  if (a === 'companies' && b) {
    const books = ctx.books.get(b);
    if (!books) return bad(`no company ${b}`, 404);
    if (c === 'planted' && !d && method === 'GET') return json(200, plantedProblems(books));
    const entity = c ? entityByName(c) : undefined;
    if (!entity) return bad(`unknown entity ${c ?? ''}`, 404);
    if (method === 'GET' && d) {
      // The record as QBO holds it now (the same JSON the API's read answers inside its envelope).
      const rec = books.get(entity, d);
      return rec
        ? { status: 200, body: recJson(rec), headers: { 'content-type': 'application/json' } }
        : bad(`no ${entity} ${d}`, 404);
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return bad('the body must be a JSON object');
    try {
      if (method === 'POST' && !d)
        return {
          status: 200,
          body: recJson(createRecord(books, entity, body as Json)),
          headers: { 'content-type': 'application/json' },
        };
      const rec = d ? books.get(entity, d) : undefined;
      if (!rec) return bad(`no ${entity} ${d ?? ''}`, 404);
      if (method === 'POST')
        return {
          status: 200,
          body: recJson(
            updateRecord(
              books,
              entity,
              { ...(body as Json), Id: d },
              { checkSyncToken: false, sparse: true },
            ),
          ),
          headers: { 'content-type': 'application/json' },
        };
      if (method === 'DELETE') {
        deleteRecord(books, entity, { Id: d }, { checkSyncToken: false });
        return json(200, { domain: 'QBO', status: 'Deleted', Id: d });
      }
    } catch (error) {
      if (error instanceof QboFault)
        return json(400, {
          error: `${error.spec.message}: ${error.spec.detail}`,
          code: error.spec.code,
        });
      throw error;
    }
  }
  return bad(`no admin endpoint ${method} /${parts.join('/')}`, 404);
}
