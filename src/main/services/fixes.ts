// Recording a hygiene fix (issue 11): checked against the mirror, written to the outbox first, and shown
// at once (the mirror row carries the new value, its SyncToken still QBO's); sent later by the sync
// (src/main/sync/send-fixes.ts). Also the outbox as the advisor reads it, and conflict resolution.
import { randomUUID } from 'node:crypto';
import { planFix, withChanges, type FixRequest, type Json, type Named } from '../../core/fixes.ts';
import type { MirroredEntity } from '../../core/mirror/entities.ts';
import type { HygieneThresholds } from '../../core/hygiene/codes.ts';
import { CodedError } from '../../core/result.ts';
import type { Db } from '../db/open.ts';
import { clientExists } from '../db/repositories/clients.ts';
import { listHygieneItems } from '../db/repositories/hygiene-items.ts';
import { readMirrorRecord, writeMirrorRecord } from '../db/repositories/mirror.ts';
import {
  getFix,
  listFixRows,
  openFixesOf,
  recordFixRow,
  updateFix,
  type Fix,
  type FixState,
} from '../db/repositories/outbox.ts';
import type { Scope } from '../db/scope.ts';
import { writeTransaction } from '../db/transaction.ts';
import { recomputeTray } from './tray/recompute.ts';

const named = (db: Db, s: Scope, entity: MirroredEntity, id: string): Named | undefined => {
  const r = readMirrorRecord(db, s, entity, id);
  if (!r || r.deleted) return undefined;
  const d = r.data;
  const name = String(d.DisplayName ?? d.FullyQualifiedName ?? d.Name ?? id);
  const email = (d.PrimaryEmailAddr as { Address?: string } | undefined)?.Address ?? null;
  return { id, name, active: d.Active !== false, email };
};

const live = (db: Db, s: Scope, entity: MirroredEntity, id: string): Json | undefined => {
  const r = readMirrorRecord(db, s, entity, id);
  return r && !r.deleted ? r.data : undefined;
};

/** Writes a record's data into the mirror as the screens should show it, keeping QBO's SyncToken. */
const showInMirror = (db: Db, s: Scope, entity: MirroredEntity, data: Json, now: string) =>
  void writeMirrorRecord(db, s, entity, data, now);

export type RecordedFix = Fix;

/** Checks the request against the mirror and records it; nothing is written when anything is wrong. */
export function recordFix(
  db: Db,
  advisorId: string,
  req: FixRequest,
  now: Date,
  t?: HygieneThresholds,
): RecordedFix {
  const s = { advisorId, businessId: req.businessId };
  if (!clientExists(db, advisorId, req.businessId))
    throw new CodedError('NOT_FOUND', `No client ${req.businessId}.`);
  if (req.itemId !== undefined) {
    const item = listHygieneItems(db, s, ['open', 'approved', 'excluded', 'resolved']).find(
      (i) => i.id === req.itemId,
    );
    if (!item)
      throw new CodedError('NOT_FOUND', `No tray item ${req.itemId} for client ${req.businessId}.`);
    if (item.entity !== req.entity || !item.qboIds.includes(req.qboId))
      throw new CodedError(
        'INVALID_INPUT',
        `Tray item ${req.itemId} (${item.code}) is about ${item.entity ?? 'the client'} ${item.qboIds.join(', ')}, not ${req.entity} ${req.qboId}.`,
      );
  }
  const current = readMirrorRecord(db, s, req.entity, req.qboId);
  if (!current || current.deleted)
    throw new CodedError(
      'NOT_FOUND',
      `No ${req.entity} ${req.qboId} in this client's books (as last synced).`,
    );
  // A second fix of the same record builds on the first: its SyncToken is the one the first was based on.
  const earlier = openFixesOf(db, s, req.entity, req.qboId);
  if (earlier.some((f) => f.state === 'conflict'))
    throw new CodedError(
      'CONFLICT',
      `${req.entity} ${req.qboId} has a fix in conflict; resolve it first (rowcol outbox).`,
    );
  const plan = planFix(req, {
    record: current.data,
    vendor: (id) => named(db, s, 'Vendor', id),
    customer: (id) => named(db, s, 'Customer', id),
    account: (id) => named(db, s, 'Account', id),
    invoice: (id) => live(db, s, 'Invoice', id),
    bill: (id) => live(db, s, 'Bill', id),
  });
  const at = now.toISOString();
  const id = writeTransaction(db, () => {
    const fixId = recordFixRow(db, s, {
      entity: req.entity,
      qboId: req.qboId,
      operation: plan.operation,
      summary: plan.summary,
      changes: plan.changes,
      before: plan.before,
      baseVersion: earlier[0]?.baseVersion ?? current.version,
      requestId: randomUUID(),
      now: at,
    });
    if (plan.operation === 'update')
      showInMirror(db, s, req.entity, withChanges(current.data, plan.changes), at);
    return fixId;
  });
  recomputeTray(db, s, now, t);
  return getFix(db, advisorId, id)!;
}

export function listFixes(
  db: Db,
  advisorId: string,
  states: readonly FixState[],
  businessId?: string,
): Fix[] {
  if (businessId && !clientExists(db, advisorId, businessId))
    throw new CodedError('NOT_FOUND', `No client ${businessId}.`);
  return listFixRows(db, advisorId, states, businessId);
}

/**
 * A conflict settled by the advisor: "mine" sends the fix again on QBO's newer version (what QBO has now
 * becomes its "before"); "theirs" keeps QBO's values and discards the fix.
 */
export function resolveFix(
  db: Db,
  advisorId: string,
  fixId: number,
  keep: 'mine' | 'theirs',
  now: Date,
): Fix {
  const f = getFix(db, advisorId, fixId);
  if (!f) throw new CodedError('NOT_FOUND', `No fix ${fixId}.`);
  if (f.state !== 'conflict' && !(f.state === 'failed' && keep === 'mine'))
    throw new CodedError(
      'CONFLICT',
      `Fix ${fixId} is ${f.state}; only a conflict (or, to retry, a failed fix) can be resolved.`,
    );
  const s = { advisorId, businessId: f.businessId };
  const at = now.toISOString();
  writeTransaction(db, () => {
    if (keep === 'theirs') {
      updateFix(db, f.id, { state: 'discarded', reason: "kept QuickBooks' values" }, at);
      return;
    }
    const current = readMirrorRecord(db, s, f.entity as MirroredEntity, f.qboId);
    updateFix(
      db,
      f.id,
      {
        state: 'pending',
        reason: null,
        baseVersion: f.theirsVersion ?? current?.version ?? f.baseVersion,
        before: f.theirs ?? f.before,
        theirs: null,
        theirsVersion: null,
        // A new request: the one that met the conflict was refused, and this one carries another SyncToken.
        requestId: randomUUID(),
      },
      at,
    );
    if (current && f.operation === 'update')
      showInMirror(db, s, f.entity as MirroredEntity, withChanges(current.data, f.changes), at);
  });
  return getFix(db, advisorId, f.id)!;
}
