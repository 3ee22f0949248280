import type { Db } from '../open.ts';
import { stmt } from '../statements.ts';

export type LogEntry = {
  advisorId: string;
  businessId: string;
  direction: 'INBOUND' | 'OUTBOUND';
  entity: string;
  operation: string;
  status: 'ok' | 'error';
  error?: string | null;
  intuitTid?: string | null;
  recordCount?: number;
  sourceVersion?: string | null;
  /** A compact JSON summary (ids, page position), not the whole payload: the mirror holds the records. */
  data?: unknown;
  at: string;
};

export function appendLog(db: Db, e: LogEntry): number {
  const info = stmt(
    db,
    `INSERT INTO integration_log (advisor_id, business_id, direction, entity, operation, status, error, intuit_tid, record_count, source_version, data, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    e.advisorId,
    e.businessId,
    e.direction,
    e.entity,
    e.operation,
    e.status,
    e.error ?? null,
    e.intuitTid ?? null,
    e.recordCount ?? 0,
    e.sourceVersion ?? null,
    e.data === undefined ? null : JSON.stringify(e.data),
    e.at,
  );
  return Number(info.lastInsertRowid);
}

export type LogRow = {
  id: number;
  direction: string;
  entity: string;
  operation: string;
  status: string;
  error: string | null;
  intuit_tid: string | null;
  record_count: number;
  created_at: string;
};

export function recentLog(db: Db, advisorId: string, businessId: string, limit = 50): LogRow[] {
  return stmt(
    db,
    `SELECT id, direction, entity, operation, status, error, intuit_tid, record_count, created_at FROM integration_log
       WHERE advisor_id = ? AND business_id = ? ORDER BY id DESC LIMIT ?`,
  ).all(advisorId, businessId, limit) as LogRow[];
}

/** Replaces a log row's data summary (a batch's row, once its stored / rejected counts are known). */
export function setLogData(db: Db, id: number, data: unknown): void {
  stmt(db, 'UPDATE integration_log SET data = ? WHERE id = ?').run(JSON.stringify(data), id);
}
