// How a client's entities are fetched: a first full load by paged queries (1000 per page, resumable
// from the last committed page), then one CDC request per client covering every entity. CDC answers at
// most 1000 objects, oldest first: a capped answer is applied (deletions included) and CDC is asked again
// from the newest change it returned. A cursor older than CDC's 30 days gets a reconciling full load,
// which marks deleted every mirror row it did not see (queries never return deletions; docs/qbo-api.md
// §3, §4). Every page commits with its cursor (apply.ts).
import type { MirroredEntity } from '../../core/mirror/entities.ts';
import type { SyncProgress } from '../../core/sync.ts';
import type { Db } from '../db/open.ts';
import type { SyncState } from '../db/repositories/sync-state.ts';
import type { Connection, QboClient } from '../qbo/client.ts';
import { ValidationError } from '../qbo/errors.ts';
import { addCounts, applyBatches, zeroCounts, type Batch, type BatchCounts, type Scope } from './apply.ts';

export const pageSize = 1000;
export const cdcMaxObjects = 1000;
const cdcWindowMs = 30 * 86_400_000;
/** Cursors step back this much from the server's clock, so a change committed as we read is not missed. */
export const cursorOverlapMs = 60_000;

export type Progress = SyncProgress;

export type FetchContext = {
  db: Db;
  scope: Scope;
  qbo: QboClient;
  conn: Connection;
  now: () => Date;
  pageSize: number;
  onPage: (p: Progress) => void;
  pages: { count: number };
};

/** Name lists hide inactive rows unless asked (docs/qbo-api.md §3: 26 vs 27 vendors). */
const whereAll: Partial<Record<MirroredEntity, string>> = {
  Account: 'Active IN (true, false)',
  Vendor: 'Active IN (true, false)',
  Customer: 'Active IN (true, false)',
};

export function cursorFrom(serverTime: string | null, fallback: Date): string {
  const t = serverTime ? Date.parse(serverTime) : NaN;
  return new Date((Number.isNaN(t) ? fallback.getTime() : t) - cursorOverlapMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const success = (now: Date): Partial<Omit<SyncState, 'entity'>> => ({ lastSuccessAt: now.toISOString(), lastError: null, lastErrorCode: null, lastErrorAt: null });

/**
 * Full load of one entity, from the last committed page on. A reconciling load (`reconcile`, or a resumed
 * one whose state says so) keeps its start time in sync_state and, on its last page, marks deleted every
 * mirror row synced before it: the rows QBO no longer has.
 */
export async function fullLoad(ctx: FetchContext, entity: MirroredEntity, state: SyncState | undefined, reconcile = false): Promise<BatchCounts> {
  const resumed = state?.fullLoadPosition != null;
  let position = resumed ? (state?.fullLoadPosition ?? 1) : 1;
  // While a load runs, `cursor` holds the server time it started at: the CDC point to go on from.
  let loadCursor = resumed ? (state?.cursor ?? null) : null;
  const reconcileFrom = resumed ? (state?.reconcileFrom ?? null) : reconcile ? ctx.now().toISOString() : null;
  let total = zeroCounts();
  if (entity === 'CompanyInfo') {
    const page = await ctx.qbo.companyInfo(ctx.conn);
    ctx.pages.count++;
    const counts = applyBatches(
      ctx.db,
      ctx.scope,
      [{ entity, records: page.records, operation: 'read', intuitTid: page.intuitTid, position: {}, cursor: { cursor: cursorFrom(page.time, ctx.now()), fullLoadPosition: null, ...success(ctx.now()) } }],
      ctx.now().toISOString(),
    );
    ctx.onPage({ businessId: ctx.scope.businessId, entity, phase: 'full', pagesDone: 1, records: counts.fetched, done: true });
    return counts;
  }
  for (let pagesDone = 1; ; pagesDone++) {
    const page = await ctx.qbo.queryPage(ctx.conn, entity, whereAll[entity] ?? null, position, ctx.pageSize);
    ctx.pages.count++;
    loadCursor ??= cursorFrom(page.time, ctx.now());
    const done = page.records.length < ctx.pageSize;
    const next = position + page.records.length;
    const counts = applyBatches(
      ctx.db,
      ctx.scope,
      [
        {
          entity,
          records: page.records,
          operation: 'query',
          intuitTid: page.intuitTid,
          position: reconcileFrom ? { startPosition: position, reconcileFrom } : { startPosition: position },
          cursor: done ? { cursor: loadCursor, fullLoadPosition: null, reconcileFrom: null, ...success(ctx.now()) } : { cursor: loadCursor, fullLoadPosition: next, reconcileFrom },
          ...(done && reconcileFrom ? { reconcileBefore: reconcileFrom } : {}),
        },
      ],
      ctx.now().toISOString(),
    );
    total = addCounts(total, counts);
    ctx.onPage({ businessId: ctx.scope.businessId, entity, phase: reconcileFrom ? 'fallback' : 'full', pagesDone, records: total.fetched, done });
    if (done) return total;
    position = next;
  }
}

/** The newest `MetaData.LastUpdatedTime` among these records, as a cursor; null when none has one. */
function newestChange(byEntity: ReadonlyMap<string, unknown[]>): string | null {
  let newest = Number.NEGATIVE_INFINITY;
  for (const list of byEntity.values()) {
    for (const r of list) {
      const t = Date.parse(String((r as { MetaData?: { LastUpdatedTime?: unknown } } | null)?.MetaData?.LastUpdatedTime ?? ''));
      if (!Number.isNaN(t) && t > newest) newest = t;
    }
  }
  return Number.isFinite(newest) ? new Date(newest).toISOString().replace(/\.\d{3}Z$/, 'Z') : null;
}

/**
 * CDC for all these entities (already fully loaded) from the oldest cursor, page after page while an answer
 * is at the 1000-object cap; a reconciling full load when the cursor is older than CDC's window.
 */
export async function incremental(ctx: FetchContext, entities: readonly MirroredEntity[], states: ReadonlyMap<MirroredEntity, SyncState>): Promise<BatchCounts> {
  if (entities.length === 0) return zeroCounts();
  let since = entities.map((e) => states.get(e)?.cursor ?? '').sort()[0] ?? '';
  if (ctx.now().getTime() - Date.parse(since) > cdcWindowMs - 86_400_000) return reconcile(ctx, entities);
  let total = zeroCounts();
  for (let pagesDone = 1; ; pagesDone++) {
    let result: Awaited<ReturnType<QboClient['cdc']>>;
    try {
      result = await ctx.qbo.cdc(ctx.conn, entities, since);
    } catch (error) {
      // QBO refuses a changedSince older than 30 days with a validation fault (its clock is the one that counts).
      if (error instanceof ValidationError && pagesDone === 1) return reconcile(ctx, entities);
      throw error;
    } finally {
      ctx.pages.count++;
    }
    const objects = [...result.byEntity.values()].reduce((n, list) => n + list.length, 0);
    const capped = objects >= cdcMaxObjects;
    // A capped answer holds the oldest changes: go on from the newest one it returned (the records of that
    // second come again; upserts are idempotent). No progress (1000 changes in one second): reconcile.
    const next = capped ? newestChange(result.byEntity) : null;
    const stuck = capped && (next === null || Date.parse(next) <= Date.parse(since));
    const cursor = capped ? { cursor: next ?? since } : { cursor: cursorFrom(result.time, ctx.now()), ...success(ctx.now()) };
    const batches: Batch[] = entities.map((entity) => ({
      entity,
      records: result.byEntity.get(entity) ?? [],
      operation: 'cdc',
      intuitTid: result.intuitTid,
      position: { changedSince: since },
      cursor,
    }));
    total = addCounts(total, applyBatches(ctx.db, ctx.scope, batches, ctx.now().toISOString()));
    ctx.onPage({ businessId: ctx.scope.businessId, entity: 'all', phase: 'incremental', pagesDone, records: total.fetched, done: !capped });
    if (!capped) return total;
    if (stuck) return addCounts(total, await reconcile(ctx, entities));
    since = next ?? since;
  }
}

/** The cursor is out of CDC's reach: reload each entity and mark deleted what the load did not see. */
async function reconcile(ctx: FetchContext, entities: readonly MirroredEntity[]): Promise<BatchCounts> {
  let total = zeroCounts();
  for (const entity of entities) total = addCounts(total, await fullLoad(ctx, entity, undefined, true));
  return total;
}
