// Syncs one company into the hub's mirror, like the desktop engine (src/main/sync/README.md): a full
// load of each entity by pages (resumable from the last committed page, each page re-reading the last
// records of the one before so deletions behind the load cannot skip records), then one CDC request for
// every loaded entity, cursors from QBO's own time minus 60 s, CDC's 1000-object cap paged by the newest
// change, a cursor past CDC's 30 days reloaded with deletions reconciled. CompanyInfo is not in CDC: it is
// read again once a day. Every page commits in one transaction (pages.ts).
import { qboIdOf } from '../../../core/mirror/columns.ts';
import { mirroredEntities, type MirroredEntity } from '../../../core/mirror/entities.ts';
import type { Connection, QboClient } from '../../qbo/client.ts';
import { ValidationError } from '../../qbo/errors.ts';
import {
  cdcMaxObjects,
  cursorFrom,
  newestChange,
  pageOverlap,
  pageSize,
  whereAll,
} from '../../sync/fetch.ts';
import type { HubDb } from '../db/hub-db.ts';
import { getCompany, noteCompanyInfoRead } from '../db/repositories/companies.ts';
import { seenSince } from '../db/repositories/mirror.ts';
import { dbNow, listCursors, type SyncCursor } from '../db/repositories/sync-cursors.ts';
import { commitPage, type JobLease, type PageCounts } from './pages.ts';

export type CompanySyncContext = {
  db: HubDb;
  qbo: QboClient;
  conn: Connection;
  companyId: string;
  lease: JobLease;
  pageSize?: number;
  now?: () => Date;
  /** After each committed page, awaited before the next request (progress; tests act on it). */
  onPage?: (p: {
    entity: string;
    phase: 'full' | 'cdc';
    counts: PageCounts;
  }) => void | Promise<void>;
};

export type CompanySyncResult = {
  mode: 'full' | 'incremental' | 'mixed';
  pages: number;
  counts: PageCounts;
};

const cdcWindowMs = 30 * 86_400_000;
const companyInfoEveryMs = 86_400_000;
const zero = (): PageCounts => ({ fetched: 0, changed: 0, rejected: 0, deleted: 0 });
const add = (a: PageCounts, b: PageCounts): PageCounts => ({
  fetched: a.fetched + b.fetched,
  changed: a.changed + b.changed,
  rejected: a.rejected + b.rejected,
  deleted: a.deleted + b.deleted,
});

type Run = Required<Pick<CompanySyncContext, 'pageSize' | 'now'>> &
  CompanySyncContext & { pages: number };

export async function syncCompany(c: CompanySyncContext): Promise<CompanySyncResult> {
  const ctx: Run = {
    ...c,
    pageSize: c.pageSize ?? pageSize,
    now: c.now ?? (() => new Date()),
    pages: 0,
  };
  const cursors = new Map((await listCursors(ctx.db, ctx.companyId)).map((s) => [s.entity, s]));
  const company = await getCompany(ctx.db, ctx.companyId);
  const needsFull = (e: MirroredEntity) => {
    const s = cursors.get(e);
    return !s || s.cursor === null || s.fullPosition !== null;
  };
  const full = mirroredEntities.filter(needsFull);
  const infoAt = company?.companyInfoReadAt ? Date.parse(company.companyInfoReadAt) : 0;
  if (!full.includes('CompanyInfo') && ctx.now().getTime() - infoAt > companyInfoEveryMs)
    full.unshift('CompanyInfo');
  const cdcEntities = mirroredEntities.filter((e) => e !== 'CompanyInfo' && !needsFull(e));
  let counts = zero();
  for (const entity of full) counts = add(counts, await fullLoad(ctx, entity, cursors.get(entity)));
  if (cdcEntities.length) counts = add(counts, await incremental(ctx, cdcEntities, cursors));
  const mode =
    cdcEntities.length === 0
      ? 'full'
      : full.filter((e) => e !== 'CompanyInfo').length === 0
        ? 'incremental'
        : 'mixed';
  return { mode, pages: ctx.pages, counts };
}

async function companyInfo(ctx: Run): Promise<PageCounts> {
  const page = await ctx.qbo.companyInfo(ctx.conn);
  ctx.pages++;
  const counts = await commitPage(
    ctx.db,
    ctx.companyId,
    ctx.lease,
    [
      {
        entity: 'CompanyInfo',
        records: page.records,
        cursor: {
          fullPosition: null,
          fullStartedAt: null,
          reconcile: false,
          cursor: cursorFrom(page.time, ctx.now()),
          success: true,
        },
      },
    ],
    { touch: true },
  );
  await noteCompanyInfoRead(ctx.db, ctx.companyId);
  await ctx.onPage?.({ entity: 'CompanyInfo', phase: 'full', counts });
  return counts;
}

/** Full load of one entity from its last committed page on (a reconciling one marks unseen rows deleted). */
async function fullLoad(
  ctx: Run,
  entity: MirroredEntity,
  state: SyncCursor | undefined,
  reconcileNow = false,
): Promise<PageCounts> {
  if (entity === 'CompanyInfo') return companyInfo(ctx);
  const resumed = !reconcileNow && state?.fullPosition != null;
  let position = resumed ? (state?.fullPosition ?? 1) : 1;
  const startedAt = resumed && state?.fullStartedAt ? state.fullStartedAt : await dbNow(ctx.db);
  const reconcile = resumed ? (state?.reconcile ?? false) : reconcileNow;
  let loadCursor = resumed ? (state?.cursor ?? null) : null;
  const overlap = pageOverlap(ctx.pageSize);
  let total = zero();
  const ask = (at: number) =>
    ctx.qbo.queryPage(ctx.conn, entity, whereAll[entity] ?? null, at, ctx.pageSize);
  /** The next page, asked for while this one commits (so QBO's answer time and ours overlap). */
  let ahead: { asked: number; page: ReturnType<typeof ask> } | null = null;
  try {
    for (;;) {
      const asked = position > 1 ? Math.max(1, position - overlap) : 1;
      const pending = ahead?.asked === asked ? ahead.page : ask(asked);
      ahead = null;
      const page = await pending;
      ctx.pages++;
      // The page must begin with a record this load already has: else records deleted in QBO behind
      // us moved unread ones before it, and the load steps back a page instead of skipping them.
      if (asked > 1 && !(await startsWithSeen(ctx, entity, page.records, overlap, startedAt))) {
        position = Math.max(1, asked - (ctx.pageSize - overlap));
        continue;
      }
      loadCursor ??= cursorFrom(page.time, ctx.now());
      const done = page.records.length < ctx.pageSize;
      const next = asked + page.records.length;
      if (!done) {
        const nextAsked = Math.max(1, next - overlap);
        ahead = { asked: nextAsked, page: ask(nextAsked) };
        // Settled here too, so a commit that fails below leaves no unhandled rejection behind.
        ahead.page.catch(() => undefined);
      }
      const counts = await commitPage(
        ctx.db,
        ctx.companyId,
        ctx.lease,
        [
          {
            entity,
            records: page.records,
            cursor: done
              ? {
                  fullPosition: null,
                  fullStartedAt: null,
                  reconcile: false,
                  cursor: loadCursor,
                  success: true,
                }
              : {
                  fullPosition: next,
                  fullStartedAt: startedAt,
                  reconcile,
                  cursor: loadCursor,
                  success: false,
                },
            ...(done && reconcile ? { reconcileBefore: startedAt } : {}),
          },
        ],
        { touch: true },
      );
      total = add(total, counts);
      await ctx.onPage?.({ entity, phase: 'full', counts });
      if (done) return total;
      position = next;
    }
  } finally {
    // A page asked ahead and never used (a failed commit, a lost lease, a step back): dropped.
    ahead?.page.catch(() => undefined);
  }
}

async function startsWithSeen(
  ctx: Run,
  entity: MirroredEntity,
  records: readonly unknown[],
  overlap: number,
  since: string,
): Promise<boolean> {
  for (const r of records.slice(0, overlap)) {
    const id = qboIdOf(r);
    if (id !== null) return seenSince(ctx.db, ctx.companyId, entity, id, since);
  }
  return true;
}

async function incremental(
  ctx: Run,
  entities: readonly MirroredEntity[],
  cursors: ReadonlyMap<string, SyncCursor>,
): Promise<PageCounts> {
  let since = entities.map((e) => cursors.get(e)?.cursor ?? '').sort()[0] ?? '';
  if (ctx.now().getTime() - Date.parse(since) > cdcWindowMs - 86_400_000)
    return reconcileAll(ctx, entities);
  let total = zero();
  for (let n = 1; ; n++) {
    let result: Awaited<ReturnType<QboClient['cdc']>>;
    try {
      result = await ctx.qbo.cdc(ctx.conn, entities, since);
    } catch (error) {
      // The emulator refuses a cursor past 30 days: reload instead.
      if (error instanceof ValidationError && n === 1) return reconcileAll(ctx, entities);
      throw error;
    } finally {
      ctx.pages++;
    }
    const objects = [...result.byEntity.values()].reduce((s, l) => s + l.length, 0);
    const capped = objects >= cdcMaxObjects;
    const next = capped ? newestChange(result.byEntity) : null;
    const stuck = capped && (next === null || Date.parse(next) <= Date.parse(since));
    const cursor = capped ? (next ?? since) : cursorFrom(result.time, ctx.now());
    const counts = await commitPage(
      ctx.db,
      ctx.companyId,
      ctx.lease,
      entities.map((entity) => ({
        entity,
        records: result.byEntity.get(entity) ?? [],
        cursor: {
          fullPosition: null,
          fullStartedAt: null,
          reconcile: false,
          cursor,
          success: !capped,
        },
      })),
      { touch: false },
    );
    total = add(total, counts);
    await ctx.onPage?.({ entity: 'all', phase: 'cdc', counts });
    if (!capped) return total;
    if (stuck) return add(total, await reconcileAll(ctx, entities));
    since = next ?? since;
  }
}

async function reconcileAll(ctx: Run, entities: readonly MirroredEntity[]): Promise<PageCounts> {
  let total = zero();
  for (const e of entities) total = add(total, await fullLoad(ctx, e, undefined, true));
  return total;
}
