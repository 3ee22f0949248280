// One page of QBO records into the hub's mirror, in one PostgreSQL transaction: the job's lease checked
// (and locked) first, the records upserted (a fresh change_seq only when content changed), rejections
// noted, the company's cursor moved and the job's page count and lease renewed. A worker killed at any
// moment leaves either the whole page or none of it, and the next owner resumes from the cursor.
import { isRejected, toMirrorRow } from '../../../core/mirror/columns.ts';
import type { MirroredEntity } from '../../../core/mirror/entities.ts';
import type { HubDb } from '../db/hub-db.ts';
import { holdLease, notePage } from '../db/repositories/jobs.ts';
import {
  markUnseenDeleted,
  noteRejections,
  writeMirrorPage,
  type MirrorWrite,
} from '../db/repositories/mirror.ts';
import { saveCursors, type CursorWrite } from '../db/repositories/sync-cursors.ts';

/** The job this worker runs: the page transaction proves it still holds it. */
export type JobLease = { id: number; owner: string; leaseSeconds: number };

export class LeaseLostError extends Error {
  constructor(jobId: number) {
    super(`the lease of sync job ${jobId} was taken over by another hub worker`);
    this.name = 'LeaseLostError';
  }
}

export type PagePart = {
  entity: MirroredEntity;
  records: readonly unknown[];
  cursor: CursorWrite;
  /** A reconciling load's last page: rows not seen since this moment are gone from QBO. */
  reconcileBefore?: string;
};

export type PageCounts = { fetched: number; changed: number; rejected: number; deleted: number };

const isoOrNull = (v: string | null): string | null =>
  v !== null && !Number.isNaN(Date.parse(v)) ? v : null;

function rowsOf(entity: MirroredEntity, records: readonly unknown[]) {
  const rows: MirrorWrite[] = [];
  const rejected: { qboId: string | null; reason: string }[] = [];
  for (const raw of records) {
    const row = toMirrorRow(entity, raw);
    if (isRejected(row)) rejected.push({ qboId: row.qboId, reason: row.reason });
    else
      rows.push({
        qboId: row.qboId,
        syncToken: row.version || null,
        lastUpdated: isoOrNull(row.lastUpdated),
        body: raw,
        problems: row.problems,
        deleted: row.deleted,
      });
  }
  return { rows, rejected };
}

export async function commitPage(
  db: HubDb,
  companyId: string,
  lease: JobLease,
  parts: readonly PagePart[],
  o: { touch: boolean },
): Promise<PageCounts> {
  return db.tx(async (q) => {
    if (!(await holdLease(q, lease.id, lease.owner))) throw new LeaseLostError(lease.id);
    const counts: PageCounts = { fetched: 0, changed: 0, rejected: 0, deleted: 0 };
    for (const part of parts) {
      const { rows, rejected } = rowsOf(part.entity, part.records);
      counts.fetched += part.records.length;
      counts.rejected += rejected.length;
      counts.changed += await writeMirrorPage(q, companyId, part.entity, rows, o);
      if (rejected.length) await noteRejections(q, companyId, part.entity, rejected);
      if (part.reconcileBefore)
        counts.deleted += await markUnseenDeleted(q, companyId, part.entity, part.reconcileBefore);
    }
    await saveCursors(
      q,
      companyId,
      parts.map((p) => ({ entity: p.entity, ...p.cursor })),
    );
    await notePage(q, lease.id, counts.changed + counts.deleted, lease.leaseSeconds);
    return counts;
  });
}
