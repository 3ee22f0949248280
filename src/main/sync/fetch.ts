// How a client's entities are fetched: a first full load by paged queries (1000 per page, resumable
// from the last committed page; each page re-reads the last 25 records of the one before, so records
// deleted in QBO behind the load cannot shift unread ones past a page edge), then one CDC request per
// client covering every entity. CDC answers at most 1000 objects (oldest first as the emulator does; QBO's choice is UNVERIFIED, docs/qbo-api.md §4): a capped answer is applied (deletions included) and CDC is asked again
// from the newest change it returned. A cursor older than CDC's 30 days gets a reconciling full load,
// which marks deleted every mirror row it did not see (queries never return deletions; docs/qbo-api.md
// §3, §4). Every page commits with its cursor (apply.ts).
import { qboIdOf } from '../../core/mirror/columns.ts';
import type { MirroredEntity } from '../../core/mirror/entities.ts';
import type { SyncProgress } from '../../core/sync.ts';
import type { Db } from '../db/open.ts';
import { mirrorSyncedAt } from '../db/repositories/mirror.ts';
import type { SyncState } from '../db/repositories/sync-state.ts';
import { parseRecords, type Connection, type QboClient } from '../qbo/client.ts';
import { ValidationError } from '../qbo/errors.ts';
import {
  addCounts,
  applyBatches,
  zeroCounts,
  type Batch,
  type BatchCounts,
  type Scope,
} from './apply.ts';

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
export const whereAll: Partial<Record<MirroredEntity, string>> = {
  Account: 'Active IN (true, false)',
  Vendor: 'Active IN (true, false)',
  Customer: 'Active IN (true, false)',
};

export function cursorFrom(serverTime: string | null, fallback: Date): string {
  const t = serverTime ? Date.parse(serverTime) : NaN;
  return new Date((Number.isNaN(t) ? fallback.getTime() : t) - cursorOverlapMs)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');
}

const success = (now: Date): Partial<Omit<SyncState, 'entity'>> => ({
  lastSuccessAt: now.toISOString(),
  lastError: null,
  lastErrorCode: null,
  lastErrorAt: null,
});

/**
 * Full load of one entity, from the last committed page on. A reconciling load (`reconcile`, or a resumed
 * one whose state says so) keeps its start time in sync_state and, on its last page, marks deleted every
 * mirror row synced before it: the rows QBO no longer has.
 */
export async function fullLoad(
  ctx: FetchContext,
  entity: MirroredEntity,
  state: SyncState | undefined,
  reconcile = false,
): Promise<BatchCounts> {
  const resumed = state?.fullLoadPosition != null;
  let position = resumed ? (state?.fullLoadPosition ?? 1) : 1;
  // While a load runs, `cursor` holds the server time it started at: the CDC point to go on from.
  let loadCursor = resumed ? (state?.cursor ?? null) : null;
  const reconcileFrom = resumed
    ? (state?.reconcileFrom ?? null)
    : reconcile
      ? ctx.now().toISOString()
      : null;
  let total = zeroCounts();
  if (entity === 'CompanyInfo') {
    const page = await ctx.qbo.companyInfo(ctx.conn);
    ctx.pages.count++;
    const counts = applyBatches(
      ctx.db,
      ctx.scope,
      [
        {
          entity,
          records: page.records,
          operation: 'read',
          intuitTid: page.intuitTid,
          position: {},
          cursor: {
            cursor: cursorFrom(page.time, ctx.now()),
            fullLoadPosition: null,
            ...success(ctx.now()),
          },
        },
      ],
      ctx.now().toISOString(),
    );
    ctx.onPage({
      businessId: ctx.scope.businessId,
      entity,
      phase: 'full',
      pagesDone: 1,
      records: counts.fetched,
      done: true,
    });
    return counts;
  }
  const overlap = pageOverlap(ctx.pageSize);
  // Ids the last two pages wrote (a page re-reads only the one before it, or steps back); older ones are
  // looked up in the mirror, so a load of a million records does not keep a million Ids in memory.
  const seen = new RecentIds();
  const readBefore = (id: string) =>
    seen.has(id) || writtenByThisLoad(ctx, entity, id, reconcileFrom);
  let resumedPage = resumed && position > 1;
  /** The last record with an Id this run wrote, and how many records without one followed it. */
  let lastRead: LastRead = null;
  const ask = (at: number) =>
    ctx.qbo.queryPageTexts(ctx.conn, entity, whereAll[entity] ?? null, at, ctx.pageSize);
  /** The next page, asked for while this one is written (so no request waits for a write). */
  let ahead: { asked: number; page: ReturnType<typeof ask> } | null = null;
  try {
    for (let pagesDone = 1; ; pagesDone++) {
      // Each page after the first starts `overlap` records early: records deleted in QBO behind us shift
      // the rest to earlier positions, and the page must still begin with a record already read.
      const asked = position > 1 ? Math.max(1, position - overlap) : 1;
      const pending = ahead?.asked === asked ? ahead.page : ask(asked);
      ahead = null;
      const answer = await pending;
      ctx.pages.count++;
      // Decoded and parsed now that it is written, not while it waited (its strings and objects live
      // for this page only, and the collector frees them young).
      const pageTexts = answer.texts();
      const page = { ...answer, texts: pageTexts, records: parseRecords(pageTexts) };
      // Until a resumed run has written a page, what it re-reads is looked up in the mirror.
      if (resumedPage) {
        for (const id of page.records.slice(0, overlap).map(qboIdOf))
          if (id !== null && readBefore(id)) seen.add(id);
      }
      if (asked > 1 && !startsWithRead(page.records, overlap, readBefore)) {
        // More deletions than the overlap (or a resumed run whose last page changed): step back and look
        // again, rather than start past records never read. Stepping back ends at position 1.
        position = Math.max(1, asked - (ctx.pageSize - overlap));
        pagesDone--;
        continue;
      }
      resumedPage = false;
      loadCursor ??= cursorFrom(page.time, ctx.now());
      const done = page.records.length < ctx.pageSize;
      const next = asked + page.records.length;
      // Records of the overlap already written by this load are not written (or counted) twice.
      const from = rereadCount(page.records, position - asked, lastRead);
      const records: unknown[] = [];
      const texts: string[] = [];
      for (let i = from; i < page.records.length; i++) {
        if (seen.has(qboIdOf(page.records[i]) ?? '')) continue;
        records.push(page.records[i]);
        texts.push(page.texts[i]!);
      }
      seen.nextPage();
      for (const r of records) {
        const id = qboIdOf(r);
        if (id !== null) seen.add(id);
      }
      lastRead = lastReadAfter(records, lastRead);
      if (!done) {
        const nextAsked = Math.max(1, next - overlap);
        ahead = { asked: nextAsked, page: ask(nextAsked) };
        // Settled here too, so a write that fails below leaves no unhandled rejection behind.
        ahead.page.catch(() => undefined);
      }
      const counts = applyBatches(
        ctx.db,
        ctx.scope,
        [
          {
            entity,
            records,
            texts,
            operation: 'query',
            intuitTid: page.intuitTid,
            position: reconcileFrom
              ? { startPosition: asked, reconcileFrom }
              : { startPosition: asked },
            cursor: done
              ? {
                  cursor: loadCursor,
                  fullLoadPosition: null,
                  reconcileFrom: null,
                  ...success(ctx.now()),
                }
              : { cursor: loadCursor, fullLoadPosition: next, reconcileFrom },
            ...(done && reconcileFrom ? { reconcileBefore: reconcileFrom } : {}),
          },
        ],
        ctx.now().toISOString(),
      );
      total = addCounts(total, counts);
      ctx.onPage({
        businessId: ctx.scope.businessId,
        entity,
        phase: reconcileFrom ? 'fallback' : 'full',
        pagesDone,
        records: total.fetched,
        done,
      });
      if (done) return total;
      position = next;
    }
  } finally {
    // A page asked ahead and never used (a failed write, a step back): its answer is dropped.
    ahead?.page.catch(() => undefined);
  }
}

/** Records a page re-reads from the one before: a few per cent of the page, at least one when it can. */
export const pageOverlap = (size: number): number => Math.min(25, Math.floor(size / 4));

type LastRead = { id: string; after: number } | null;

/**
 * How many records at the start of a page this load wrote already: up to the previous page's last record
 * with an Id and the Id-less ones that followed it; when the re-read part has no Id at all, the overlap
 * as asked. Otherwise (that record was deleted meanwhile) none: the Id filter does the rest.
 */
function rereadCount(records: readonly unknown[], overlap: number, lastRead: LastRead): number {
  if (overlap === 0) return 0;
  if (lastRead) {
    const at = records.findIndex((r) => qboIdOf(r) === lastRead.id);
    if (at >= 0) return at + 1 + lastRead.after;
  }
  return records.slice(0, overlap).every((r) => qboIdOf(r) === null) ? overlap : 0;
}

/** The last record with an Id among those just written (and the Id-less ones after it), or the one before. */
function lastReadAfter(written: readonly unknown[], before: LastRead): LastRead {
  for (let i = written.length - 1; i >= 0; i--) {
    const id = qboIdOf(written[i]);
    if (id !== null) return { id, after: written.length - 1 - i };
  }
  return before && { id: before.id, after: before.after + written.length };
}

/**
 * Whether nothing before this page can have been skipped: the first record with an Id among the
 * `overlap` it re-reads was read by this load. Without one there (unkeyable records, or an empty page
 * because everything left was deleted) it cannot tell, and the page is taken as it is. A page that
 * fails is read again from a page earlier, which covers these records: the check then passes.
 */
function startsWithRead(
  records: readonly unknown[],
  overlap: number,
  readBefore: (id: string) => boolean,
): boolean {
  for (const r of records.slice(0, overlap)) {
    const id = qboIdOf(r);
    if (id !== null) return readBefore(id);
  }
  return true;
}

/** The Ids of the last two pages written. */
class RecentIds {
  private previous = new Set<string>();
  private current = new Set<string>();
  has = (id: string): boolean => this.current.has(id) || this.previous.has(id);
  add(id: string): void {
    this.current.add(id);
  }
  nextPage(): void {
    this.previous = this.current;
    this.current = new Set();
  }
}

/**
 * Whether this load already wrote the record, before a crash or cancel or pages ago: it is in the mirror
 * (a reconciling load's rows are the ones synced since it began; a first load starts from an empty
 * mirror, as mirror rows and sync states are only ever deleted together, with their client).
 */
function writtenByThisLoad(
  ctx: FetchContext,
  entity: MirroredEntity,
  id: string,
  reconcileFrom: string | null,
): boolean {
  const syncedAt = mirrorSyncedAt(ctx.db, ctx.scope, entity, id);
  return syncedAt !== undefined && (reconcileFrom === null || syncedAt >= reconcileFrom);
}

/** The newest `MetaData.LastUpdatedTime` among these records, as a cursor; null when none has one. */
export function newestChange(byEntity: ReadonlyMap<string, unknown[]>): string | null {
  let newest = Number.NEGATIVE_INFINITY;
  for (const list of byEntity.values()) {
    for (const r of list) {
      const t = Date.parse(
        String(
          (r as { MetaData?: { LastUpdatedTime?: unknown } } | null)?.MetaData?.LastUpdatedTime ??
            '',
        ),
      );
      if (!Number.isNaN(t) && t > newest) newest = t;
    }
  }
  return Number.isFinite(newest) ? new Date(newest).toISOString().replace(/\.\d{3}Z$/, 'Z') : null;
}

/**
 * CDC for all these entities (already fully loaded) from the oldest cursor, page after page while an answer
 * is at the 1000-object cap; a reconciling full load when the cursor is older than CDC's window.
 */
export async function incremental(
  ctx: FetchContext,
  entities: readonly MirroredEntity[],
  states: ReadonlyMap<MirroredEntity, SyncState>,
): Promise<BatchCounts> {
  if (entities.length === 0) return zeroCounts();
  let since = entities.map((e) => states.get(e)?.cursor ?? '').sort()[0] ?? '';
  if (ctx.now().getTime() - Date.parse(since) > cdcWindowMs - 86_400_000)
    return reconcile(ctx, entities);
  let total = zeroCounts();
  for (let pagesDone = 1; ; pagesDone++) {
    let result: Awaited<ReturnType<QboClient['cdc']>>;
    try {
      result = await ctx.qbo.cdc(ctx.conn, entities, since);
    } catch (error) {
      // A validation fault on CDC (the emulator's answer past 30 days; QBO answered 200 in the one recording,
      // docs/qbo-api.md §4): reload instead. Cursors are reloaded a day before the 30 days run out anyway.
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
    const cursor = capped
      ? { cursor: next ?? since }
      : { cursor: cursorFrom(result.time, ctx.now()), ...success(ctx.now()) };
    const batches: Batch[] = entities.map((entity) => ({
      entity,
      records: result.byEntity.get(entity) ?? [],
      operation: 'cdc',
      intuitTid: result.intuitTid,
      position: { changedSince: since },
      cursor,
    }));
    total = addCounts(total, applyBatches(ctx.db, ctx.scope, batches, ctx.now().toISOString()));
    ctx.onPage({
      businessId: ctx.scope.businessId,
      entity: 'all',
      phase: 'incremental',
      pagesDone,
      records: total.fetched,
      done: !capped,
    });
    if (!capped) return total;
    if (stuck) return addCounts(total, await reconcile(ctx, entities));
    since = next ?? since;
  }
}

/** The cursor is out of CDC's reach: reload each entity and mark deleted what the load did not see. */
async function reconcile(
  ctx: FetchContext,
  entities: readonly MirroredEntity[],
): Promise<BatchCounts> {
  let total = zeroCounts();
  for (const entity of entities)
    total = addCounts(total, await fullLoad(ctx, entity, undefined, true));
  return total;
}
