// The outbox of fixes written back to QuickBooks (migration 011). Each change of state is one statement
// (or one transaction with the mirror write it goes with), so a process killed at any moment leaves every
// fix in a state it can go on from: a 'sending' fix is sent again with the same request id.
import type { FixOperation, FixState, OutboxFix } from '../../../core/fixes.ts';
import type { Db } from '../open.ts';
import type { Scope } from '../scope.ts';
import { stmt } from '../statements.ts';

export type { FixOperation, FixState } from '../../../core/fixes.ts';
export { fixStates } from '../../../core/fixes.ts';
export type Fix = OutboxFix;

type Row = {
  id: number;
  business_id: string;
  entity: string;
  qbo_id: string;
  operation: FixOperation;
  summary: string;
  changes: string;
  before: string;
  base_version: string;
  request_id: string;
  state: FixState;
  reason: string | null;
  theirs: string | null;
  theirs_version: string | null;
  attempts: number;
  created_at: string;
  updated_at: string;
  applied_version: string | null;
};

const toFix = (r: Row): Fix => ({
  id: r.id,
  businessId: r.business_id,
  entity: r.entity,
  qboId: r.qbo_id,
  operation: r.operation,
  summary: r.summary,
  changes: JSON.parse(r.changes) as Record<string, unknown>,
  before: JSON.parse(r.before) as Record<string, unknown>,
  baseVersion: r.base_version,
  requestId: r.request_id,
  state: r.state,
  reason: r.reason,
  theirs: r.theirs === null ? null : (JSON.parse(r.theirs) as Record<string, unknown>),
  theirsVersion: r.theirs_version,
  attempts: r.attempts,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  appliedVersion: r.applied_version,
});

export type NewFix = {
  entity: string;
  qboId: string;
  operation: FixOperation;
  summary: string;
  changes: Record<string, unknown>;
  before: Record<string, unknown>;
  baseVersion: string;
  requestId: string;
  now: string;
};

export function recordFixRow(db: Db, s: Scope, f: NewFix): number {
  const info = stmt(
    db,
    `INSERT INTO outbox (advisor_id, business_id, entity, qbo_id, operation, summary, changes, before, base_version, request_id, state, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
  ).run(
    s.advisorId,
    s.businessId,
    f.entity,
    f.qboId,
    f.operation,
    f.summary,
    JSON.stringify(f.changes),
    JSON.stringify(f.before),
    f.baseVersion,
    f.requestId,
    f.now,
    f.now,
  );
  return Number(info.lastInsertRowid);
}

export function getFix(db: Db, advisorId: string, id: number): Fix | undefined {
  const r = stmt(db, 'SELECT * FROM outbox WHERE advisor_id = ? AND id = ?').get(advisorId, id) as
    Row | undefined;
  return r && toFix(r);
}

/** Fixes of the advisor (one client, when given) in these states, oldest first. */
export function listFixRows(
  db: Db,
  advisorId: string,
  states: readonly FixState[],
  businessId?: string,
): Fix[] {
  const rows = stmt(
    db,
    `SELECT * FROM outbox WHERE advisor_id = ? AND (? IS NULL OR business_id = ?) ORDER BY id`,
  ).all(advisorId, businessId ?? null, businessId ?? null) as Row[];
  return rows.filter((r) => states.includes(r.state)).map(toFix);
}

/** A client's fixes still to send, oldest first: a 'sending' one lost its answer and goes again. */
export function fixesToSend(db: Db, s: Scope): Fix[] {
  return (
    stmt(
      db,
      `SELECT * FROM outbox WHERE advisor_id = ? AND business_id = ? AND state IN ('pending', 'sending') ORDER BY id`,
    ).all(s.advisorId, s.businessId) as Row[]
  ).map(toFix);
}

/** One of a client's fixes, when it is still to send (pending, or sending with its answer lost). */
export function fixToSend(db: Db, s: Scope, id: number): Fix | undefined {
  const r = stmt(
    db,
    `SELECT * FROM outbox WHERE advisor_id = ? AND business_id = ? AND id = ? AND state IN ('pending', 'sending')`,
  ).get(s.advisorId, s.businessId, id) as Row | undefined;
  return r && toFix(r);
}

/** Fixes of one record that are not settled yet (a new fix of the record builds on them). */
export function openFixesOf(db: Db, s: Scope, entity: string, qboId: string): Fix[] {
  return (
    stmt(
      db,
      `SELECT * FROM outbox WHERE advisor_id = ? AND business_id = ? AND entity = ? AND qbo_id = ? AND state IN ('pending', 'sending', 'conflict') ORDER BY id`,
    ).all(s.advisorId, s.businessId, entity, qboId) as Row[]
  ).map(toFix);
}

/** A client's fixes not settled in QBO yet (pending, sending, conflict, failed), oldest first. */
export function unsettledFixes(db: Db, s: Scope): Fix[] {
  return (
    stmt(
      db,
      `SELECT * FROM outbox WHERE advisor_id = ? AND business_id = ? AND state IN ('pending', 'sending', 'conflict', 'failed') ORDER BY id`,
    ).all(s.advisorId, s.businessId) as Row[]
  ).map(toFix);
}

/** The same, keyed `Entity:qboId`, as a screen marks the records they are about. */
export function unsettledFixesByRecord(
  db: Db,
  s: Scope,
): Map<string, { id: number; state: string; summary: string }[]> {
  const byRecord = new Map<string, { id: number; state: string; summary: string }[]>();
  for (const f of unsettledFixes(db, s)) {
    const key = `${f.entity}:${f.qboId}`;
    byRecord.set(key, [
      ...(byRecord.get(key) ?? []),
      { id: f.id, state: f.state, summary: f.summary },
    ]);
  }
  return byRecord;
}

export function unsentFixCount(db: Db, s: Scope): number {
  return (
    stmt(
      db,
      `SELECT COUNT(*) AS n FROM outbox WHERE advisor_id = ? AND business_id = ? AND state IN ('pending', 'sending', 'conflict', 'failed')`,
    ).get(s.advisorId, s.businessId) as { n: number }
  ).n;
}

export type FixUpdate = Partial<{
  state: FixState;
  reason: string | null;
  theirs: Record<string, unknown> | null;
  theirsVersion: string | null;
  baseVersion: string;
  before: Record<string, unknown>;
  requestId: string;
  appliedVersion: string | null;
  attempt: boolean;
}>;

/** Changes a fix's state and what goes with it; `attempt` counts one more try. */
export function updateFix(db: Db, id: number, u: FixUpdate, now: string): void {
  const f = stmt(db, 'SELECT * FROM outbox WHERE id = ?').get(id) as Row | undefined;
  if (!f) return;
  stmt(
    db,
    `UPDATE outbox SET state = ?, reason = ?, theirs = ?, theirs_version = ?, base_version = ?, before = ?, request_id = ?,
       applied_version = ?, attempts = attempts + ?, updated_at = ? WHERE id = ?`,
  ).run(
    u.state ?? f.state,
    u.reason === undefined ? f.reason : u.reason,
    u.theirs === undefined ? f.theirs : u.theirs === null ? null : JSON.stringify(u.theirs),
    u.theirsVersion === undefined ? f.theirs_version : u.theirsVersion,
    u.baseVersion ?? f.base_version,
    u.before === undefined ? f.before : JSON.stringify(u.before),
    u.requestId ?? f.request_id,
    u.appliedVersion === undefined ? f.applied_version : u.appliedVersion,
    u.attempt ? 1 : 0,
    now,
    id,
  );
}

/**
 * A fix of a record reached QBO and moved its SyncToken: the record's later fixes, made on the same
 * version the advisor saw, go on the new one (they were made knowing the first).
 */
export function rebaseLaterFixes(
  db: Db,
  s: Scope,
  after: Fix,
  newVersion: string,
  now: string,
): void {
  stmt(
    db,
    `UPDATE outbox SET base_version = ?, updated_at = ? WHERE advisor_id = ? AND business_id = ? AND entity = ? AND qbo_id = ?
       AND id > ? AND base_version = ? AND state = 'pending'`,
  ).run(
    newVersion,
    now,
    s.advisorId,
    s.businessId,
    after.entity,
    after.qboId,
    after.id,
    after.baseVersion,
  );
}

/** Drops a client's unsent fixes (disconnecting after the advisor said so): kept as discarded, with why. */
export function discardUnsentFixes(db: Db, s: Scope, reason: string, now: string): number {
  return stmt(
    db,
    `UPDATE outbox SET state = 'discarded', reason = ?, updated_at = ? WHERE advisor_id = ? AND business_id = ? AND state IN ('pending', 'sending', 'conflict', 'failed')`,
  ).run(reason, now, s.advisorId, s.businessId).changes;
}
