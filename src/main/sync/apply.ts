// Writes one fetched batch: the INBOUND log row, the mirror upsert and the sync cursor commit in one
// transaction (log before mirror, src/main/sync/README.md), so a crash leaves both or neither and the
// cursor never runs ahead of the data it covers. Malformed records never throw: unkeyable ones are
// rejected with a logged reason, flagged ones are stored with their problems and raised in the tray,
// and the counts reconcile: fetched = stored + rejected.
import { isRejected, toMirrorRow, type MirrorRow } from '../../core/mirror/columns.ts';
import type { MirroredEntity } from '../../core/mirror/entities.ts';
import type { Db } from '../db/open.ts';
import { checkpointSoon } from '../db/checkpointer.ts';
import { hasOpenItem, resolveOpenItem } from '../db/repositories/hygiene-items.ts';
import { appendLog, setLogData } from '../db/repositories/integration-log.ts';
import { markUnseenDeleted, upsertMirrorRows } from '../db/repositories/mirror.ts';
import { putSyncState, type SyncState } from '../db/repositories/sync-state.ts';
import { writeTransaction } from '../db/transaction.ts';
import { raiseMalformed, raiseRejected, syncCodes } from './hygiene.ts';
import type { Scope } from '../db/scope.ts';

export type { Scope };

export type BatchCounts = {
  fetched: number;
  stored: number;
  rejected: number;
  deleted: number;
  flagged: number;
};
export const zeroCounts = (): BatchCounts => ({
  fetched: 0,
  stored: 0,
  rejected: 0,
  deleted: 0,
  flagged: 0,
});
export const addCounts = (a: BatchCounts, b: BatchCounts): BatchCounts => ({
  fetched: a.fetched + b.fetched,
  stored: a.stored + b.stored,
  rejected: a.rejected + b.rejected,
  deleted: a.deleted + b.deleted,
  flagged: a.flagged + b.flagged,
});

export type Batch = {
  entity: MirroredEntity;
  records: readonly unknown[];
  /** Each record's JSON text as QBO sent it, in the same order: stored as is (no stringify again). */
  texts?: readonly string[];
  operation: 'query' | 'cdc' | 'read' | 'changed-since';
  intuitTid: string | null;
  /** Where this batch came from (page position, changedSince), kept in the log row. */
  position: Record<string, unknown>;
  /** The cursor change this batch makes true; written in the same transaction. */
  cursor: Partial<Omit<SyncState, 'entity'>>;
  /**
   * The last page of a reconciling full load: every live mirror row of this entity synced before this
   * time was not seen by the load, so QBO no longer has it (queries carry no deletions): mark it deleted.
   */
  reconcileBefore?: string;
};

const snippet = (raw: unknown): string => {
  try {
    const s = JSON.stringify(raw) ?? String(raw);
    return s.length > 300 ? `${s.slice(0, 300)}…` : s;
  } catch {
    return String(raw);
  }
};

/** Maps and writes several batches of one client in one transaction (a CDC answer covers many entities). */
export function applyBatches(
  db: Db,
  scope: Scope,
  batches: readonly Batch[],
  now: string,
): BatchCounts {
  const counts = writeTransaction(db, () => {
    let total = zeroCounts();
    const hasMalformed = hasOpenItem(db, scope, syncCodes.malformed);
    for (const b of batches) {
      const rows: { row: MirrorRow; raw: string }[] = [];
      const reasons: string[] = [];
      /** Rejections without a usable Id: one tray item per entity says how many and why. */
      const unkeyed: string[] = [];
      const counts = zeroCounts();
      counts.fetched = b.records.length;
      const logId = appendLog(db, {
        ...scope,
        direction: 'INBOUND',
        entity: b.entity,
        operation: b.operation,
        status: 'ok',
        intuitTid: b.intuitTid,
        recordCount: b.records.length,
        data: b.position,
        at: now,
      });
      for (let i = 0; i < b.records.length; i++) {
        const raw = b.records[i];
        const mapped = toMirrorRow(b.entity, raw);
        if (isRejected(mapped)) {
          reasons.push(mapped.reason);
          appendLog(db, {
            ...scope,
            direction: 'INBOUND',
            entity: b.entity,
            operation: 'reject',
            status: 'error',
            error: mapped.reason,
            intuitTid: b.intuitTid,
            recordCount: 1,
            data: { batchLogId: logId, qboId: mapped.qboId, record: snippet(raw) },
            at: now,
          });
          // A record refused for its values has an Id: its own tray item names it, and is resolved when
          // QBO sends it readable again (resolveOne below).
          if (mapped.refused && mapped.qboId !== null)
            raiseMalformed(
              db,
              scope,
              b.entity,
              mapped.qboId,
              [`not stored: ${mapped.refused.join('; ')}`],
              now,
            );
          else unkeyed.push(mapped.reason);
          continue;
        }
        rows.push({ row: mapped, raw: b.texts?.[i] ?? JSON.stringify(raw) });
        if (mapped.deleted) counts.deleted++;
        if (mapped.problems.length) {
          counts.flagged++;
          raiseMalformed(db, scope, b.entity, mapped.qboId, mapped.problems, now);
        } else if (hasMalformed) {
          resolveOpenItem(db, scope, syncCodes.malformed, `${b.entity}:${mapped.qboId}`, now);
        }
      }
      upsertMirrorRows(db, scope, b.entity, rows, now);
      if (b.reconcileBefore)
        counts.deleted += markUnseenDeleted(db, scope, b.entity, b.reconcileBefore, now);
      counts.stored = rows.length;
      counts.rejected = reasons.length;
      if (unkeyed.length) raiseRejected(db, scope, b.entity, unkeyed, now);
      if (counts.rejected || counts.flagged) {
        setLogData(db, logId, {
          ...b.position,
          stored: counts.stored,
          rejected: counts.rejected,
          flagged: counts.flagged,
        });
      }
      putSyncState(db, scope, b.entity, b.cursor);
      total = addCounts(total, counts);
    }
    return total;
  });
  // The WAL is written back on a worker thread while pages keep coming (db/checkpointer.ts).
  checkpointSoon(db);
  return counts;
}
