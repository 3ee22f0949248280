// How a client's entities are fetched: a first full load by paged queries (1000 per page, resumable
// from the last committed page), then one CDC request per client covering every entity, falling back
// to `MetaData.LastUpdatedTime` queries when the cursor is older than CDC's 30 days or CDC hits its
// 1000-object cap (docs/qbo-api.md §3, §4). Every page commits with its cursor (apply.ts).
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

/** Full load of one entity, from the last committed page on. */
export async function fullLoad(ctx: FetchContext, entity: MirroredEntity, state: SyncState | undefined): Promise<BatchCounts> {
  const resumed = state?.fullLoadPosition != null;
  let position = resumed ? (state?.fullLoadPosition ?? 1) : 1;
  // While a load runs, `cursor` holds the server time it started at: the CDC point to go on from.
  let loadCursor = resumed ? (state?.cursor ?? null) : null;
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
          position: { startPosition: position },
          cursor: done ? { cursor: loadCursor, fullLoadPosition: null, ...success(ctx.now()) } : { cursor: loadCursor, fullLoadPosition: next },
        },
      ],
      ctx.now().toISOString(),
    );
    total = addCounts(total, counts);
    ctx.onPage({ businessId: ctx.scope.businessId, entity, phase: 'full', pagesDone, records: total.fetched, done });
    if (done) return total;
    position = next;
  }
}

/** One CDC request for all these entities (already fully loaded), or the fallback queries. */
export async function incremental(ctx: FetchContext, entities: readonly MirroredEntity[], states: ReadonlyMap<MirroredEntity, SyncState>): Promise<BatchCounts> {
  if (entities.length === 0) return zeroCounts();
  const since = entities.map((e) => states.get(e)?.cursor ?? '').sort()[0] ?? '';
  const tooOld = ctx.now().getTime() - Date.parse(since) > cdcWindowMs - 86_400_000;
  if (!tooOld) {
    let result: Awaited<ReturnType<QboClient['cdc']>> | undefined;
    try {
      result = await ctx.qbo.cdc(ctx.conn, entities, since);
    } catch (error) {
      // QBO refuses a changedSince older than 30 days with a validation fault: fall back.
      if (!(error instanceof ValidationError)) throw error;
    }
    ctx.pages.count++;
    if (result) {
      const objects = [...result.byEntity.values()].reduce((n, list) => n + list.length, 0);
      if (objects < cdcMaxObjects) {
        const cursor = cursorFrom(result.time, ctx.now());
        const batches: Batch[] = entities.map((entity) => ({
          entity,
          records: result.byEntity.get(entity) ?? [],
          operation: 'cdc',
          intuitTid: result.intuitTid,
          position: { changedSince: since },
          cursor: { cursor, ...success(ctx.now()) },
        }));
        const counts = applyBatches(ctx.db, ctx.scope, batches, ctx.now().toISOString());
        ctx.onPage({ businessId: ctx.scope.businessId, entity: 'all', phase: 'incremental', pagesDone: 1, records: counts.fetched, done: true });
        return counts;
      }
    }
  }
  let total = zeroCounts();
  for (const entity of entities) total = addCounts(total, await changedSince(ctx, entity, states.get(entity)?.cursor ?? since));
  return total;
}

/**
 * The fallback: pages of `WHERE MetaData.LastUpdatedTime >= since`. Queries do not return deletions;
 * records deleted in QBO while CDC could not see them stay in the mirror until the next full load.
 */
async function changedSince(ctx: FetchContext, entity: MirroredEntity, since: string): Promise<BatchCounts> {
  const where = [whereAll[entity], `MetaData.LastUpdatedTime >= '${since}'`].filter(Boolean).join(' AND ');
  let position = 1;
  let cursor: string | null = null;
  let total = zeroCounts();
  for (let pagesDone = 1; ; pagesDone++) {
    const page = await ctx.qbo.queryPage(ctx.conn, entity, where, position, ctx.pageSize);
    ctx.pages.count++;
    cursor ??= cursorFrom(page.time, ctx.now());
    const done = page.records.length < ctx.pageSize;
    const counts = applyBatches(
      ctx.db,
      ctx.scope,
      [{ entity, records: page.records, operation: 'changed-since', intuitTid: page.intuitTid, position: { since, startPosition: position }, cursor: done ? { cursor, ...success(ctx.now()) } : {} }],
      ctx.now().toISOString(),
    );
    total = addCounts(total, counts);
    ctx.onPage({ businessId: ctx.scope.businessId, entity, phase: 'fallback', pagesDone, records: total.fetched, done });
    if (done) return total;
    position += page.records.length;
  }
}
