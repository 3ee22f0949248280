import type { Db } from '../open.ts';
import { stmt } from '../statements.ts';
import type { Scope } from '../scope.ts';

export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'conflict';

export type OutboxEntry = {
  id: number;
  entity: string;
  operation: string;
  payload: unknown;
  requestId: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
};

type Row = {
  id: number;
  entity: string;
  operation: string;
  payload: string;
  request_id: string;
  status: OutboxStatus;
  attempts: number;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
};

const toEntry = (r: Row): OutboxEntry => ({
  id: r.id,
  entity: r.entity,
  operation: r.operation,
  payload: JSON.parse(r.payload) as unknown,
  requestId: r.request_id,
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  createdAt: r.created_at,
  sentAt: r.sent_at,
});

/** Queues a write for QBO. The request id is fixed now so every retry of it is the same request. */
export function enqueueWrite(
  db: Db,
  s: Scope,
  w: { entity: string; operation: string; payload: unknown; requestId: string; now: string },
): number {
  const info = stmt(
    db,
    `INSERT INTO outbox (advisor_id, business_id, entity, operation, payload, request_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    s.advisorId,
    s.businessId,
    w.entity,
    w.operation,
    JSON.stringify(w.payload),
    w.requestId,
    w.now,
  );
  return Number(info.lastInsertRowid);
}

export function pendingWrites(db: Db, s: Scope): OutboxEntry[] {
  return (
    stmt(
      db,
      `SELECT * FROM outbox WHERE advisor_id = ? AND business_id = ? AND status = 'pending' ORDER BY id`,
    ).all(s.advisorId, s.businessId) as Row[]
  ).map(toEntry);
}

export function markWrite(
  db: Db,
  id: number,
  status: OutboxStatus,
  error: string | null,
  now: string,
): void {
  stmt(
    db,
    `UPDATE outbox SET status = ?, last_error = ?, attempts = attempts + 1, sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END WHERE id = ?`,
  ).run(status, error, status, now, id);
}
