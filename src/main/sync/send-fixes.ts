// Sends a client's recorded fixes to QuickBooks before its sync pulls changes (issue 11), oldest first,
// so fixes of one record reach QBO in the order the advisor made them. Exactly once: a fix is marked
// 'sending' (committed) before its request leaves, and every attempt carries the fix's one `requestid`,
// so a send whose answer was lost (a dropped connection, a SIGKILLed process) is sent again and QBO gives
// the first answer back instead of applying it twice (docs/qbo-api.md §2). A stale SyncToken (fault 5010)
// never overwrites: when QBO changed the same fields the fix becomes a conflict; when it changed others,
// the fix goes once more on the new version.
import { randomUUID } from 'node:crypto';
import { sameFieldsChanged, withChanges, type Json } from '../../core/fixes.ts';
import type { MirroredEntity } from '../../core/mirror/entities.ts';
import type { Db } from '../db/open.ts';
import { appendLog } from '../db/repositories/integration-log.ts';
import { readMirrorRecord, writeMirrorRecord } from '../db/repositories/mirror.ts';
import {
  fixesToSend,
  fixToSend,
  rebaseLaterFixes,
  updateFix,
  type Fix,
} from '../db/repositories/outbox.ts';
import type { Scope } from '../db/scope.ts';
import { writeTransaction } from '../db/transaction.ts';
import type { Connection, QboClient } from '../qbo/client.ts';
import { QboError, StaleObjectError, ValidationError, NotFoundError } from '../qbo/errors.ts';

export type FixCounts = { applied: number; conflicts: number; failed: number };

export type SendContext = {
  db: Db;
  scope: Scope;
  qbo: QboClient;
  conn: Connection;
  now: () => Date;
};

const asJson = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});

async function request(c: SendContext, f: Fix, version: string, requestId: string): Promise<Json> {
  if (f.operation === 'send')
    return asJson(await c.qbo.sendInvoice(c.conn, f.qboId, String(f.changes.sendTo), requestId));
  if (f.operation === 'delete')
    return asJson(
      await c.qbo.delete(c.conn, f.entity, { Id: f.qboId, SyncToken: version }, requestId),
    );
  return asJson(
    await c.qbo.sparseUpdate(
      c.conn,
      f.entity,
      { ...f.changes, Id: f.qboId, SyncToken: version },
      requestId,
    ),
  );
}

function log(
  c: SendContext,
  f: Fix,
  status: 'ok' | 'error',
  extra: { error?: string; intuitTid?: string | null; version?: string },
): void {
  appendLog(c.db, {
    ...c.scope,
    direction: 'OUTBOUND',
    entity: f.entity,
    operation: f.operation,
    status,
    error: extra.error,
    intuitTid: extra.intuitTid ?? null,
    recordCount: 1,
    sourceVersion: extra.version,
    data: { fixId: f.id, qboId: f.qboId, requestId: f.requestId, changes: f.changes },
    at: c.now().toISOString(),
  });
}

/** QBO's answer is the record as it now stands: the mirror takes it, and the fix is applied. */
function applied(c: SendContext, f: Fix, answer: Json): void {
  const at = c.now().toISOString();
  const version = typeof answer.SyncToken === 'string' ? answer.SyncToken : null;
  writeTransaction(c.db, () => {
    if (f.operation === 'delete') {
      const mirrored = readMirrorRecord(c.db, c.scope, f.entity as MirroredEntity, f.qboId);
      if (mirrored)
        writeMirrorRecord(
          c.db,
          c.scope,
          f.entity as MirroredEntity,
          { ...mirrored.data, status: 'Deleted' },
          at,
        );
    } else if (answer.Id !== undefined)
      writeMirrorRecord(c.db, c.scope, f.entity as MirroredEntity, answer, at);
    log(c, f, 'ok', { version: version ?? undefined });
    updateFix(c.db, f.id, { state: 'applied', reason: null, appliedVersion: version }, at);
    if (version !== null) rebaseLaterFixes(c.db, c.scope, f, version, at);
  });
}

/** A stale SyncToken: compare with what QBO holds now, then conflict or go again on the new version. */
async function onStale(
  c: SendContext,
  f: Fix,
  error: StaleObjectError,
): Promise<'conflict' | 'retry'> {
  const current = asJson(await c.qbo.read(c.conn, f.entity, f.qboId));
  const version = String(current.SyncToken ?? '');
  const { conflict, theirs } = sameFieldsChanged(f.before, current);
  const at = c.now().toISOString();
  writeTransaction(c.db, () => {
    log(c, f, 'error', { error: error.message, intuitTid: error.intuitTid });
    if (conflict) {
      // QBO's values stay where they are, in QBO and in the mirror; the fix waits for the advisor.
      writeMirrorRecord(c.db, c.scope, f.entity as MirroredEntity, current, at);
      updateFix(
        c.db,
        f.id,
        {
          state: 'conflict',
          reason: 'QuickBooks changed the same fields since',
          theirs,
          theirsVersion: version,
        },
        at,
      );
    } else {
      // Only other fields moved: the fix merges onto the new version, as a new request (new SyncToken).
      writeMirrorRecord(
        c.db,
        c.scope,
        f.entity as MirroredEntity,
        f.operation === 'update' ? withChanges(current, f.changes) : current,
        at,
      );
      updateFix(
        c.db,
        f.id,
        { state: 'pending', baseVersion: version, requestId: randomUUID() },
        at,
      );
    }
  });
  return conflict ? 'conflict' : 'retry';
}

/**
 * Sends every fix still to send. A failure QBO will not change its mind about (a validation fault) fails
 * that fix, with QBO's reason; anything else (offline, throttled past the retry budget, auth) stops here
 * and is thrown, the fix left 'sending' so the next sync sends it again with the same request id.
 */
export async function sendFixes(c: SendContext): Promise<FixCounts> {
  const counts: FixCounts = { applied: 0, conflicts: 0, failed: 0 };
  for (const { id } of fixesToSend(c.db, c.scope)) {
    // Read again: an earlier fix of the same record may have moved this one's SyncToken.
    const first = fixToSend(c.db, c.scope, id);
    if (!first) continue;
    let f: Fix = first;
    for (let round = 0; round < 3; round++) {
      updateFix(c.db, f.id, { state: 'sending', attempt: true }, c.now().toISOString());
      try {
        applied(c, f, await request(c, f, f.baseVersion, f.requestId));
        counts.applied++;
        break;
      } catch (error) {
        if (error instanceof StaleObjectError && f.operation !== 'send') {
          if ((await onStale(c, f, error)) === 'conflict') {
            counts.conflicts++;
            break;
          }
          const again = fixToSend(c.db, c.scope, id);
          if (!again) break;
          f = again;
          continue;
        }
        if (
          error instanceof ValidationError ||
          error instanceof NotFoundError ||
          (error instanceof QboError && error.status === 400)
        ) {
          const at = c.now().toISOString();
          const failed = f;
          writeTransaction(c.db, () => {
            log(c, failed, 'error', { error: error.message, intuitTid: error.intuitTid });
            updateFix(c.db, failed.id, { state: 'failed', reason: error.message }, at);
          });
          counts.failed++;
          break;
        }
        log(c, f, 'error', {
          error: (error as Error)?.message ?? String(error),
          intuitTid: error instanceof QboError ? error.intuitTid : null,
        });
        throw error;
      }
    }
  }
  return counts;
}
