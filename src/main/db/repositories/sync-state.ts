import type { Db } from '../open.ts';

export type SyncState = {
  entity: string;
  cursor: string | null;
  fullLoadPosition: number | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorCode: string | null;
  lastErrorAt: string | null;
  /** While a reconciling full load runs: when it started (our clock); rows synced before it and not seen are deleted. */
  reconcileFrom: string | null;
};

type Scope = { advisorId: string; businessId: string };

type Row = {
  entity: string;
  cursor: string | null;
  full_load_position: number | null;
  last_success_at: string | null;
  last_error: string | null;
  last_error_code: string | null;
  last_error_at: string | null;
  reconcile_from: string | null;
};

const toState = (r: Row): SyncState => ({
  entity: r.entity,
  cursor: r.cursor,
  fullLoadPosition: r.full_load_position,
  lastSuccessAt: r.last_success_at,
  lastError: r.last_error,
  lastErrorCode: r.last_error_code,
  lastErrorAt: r.last_error_at,
  reconcileFrom: r.reconcile_from,
});

export function getSyncState(db: Db, s: Scope, entity: string): SyncState | undefined {
  const row = db.prepare('SELECT * FROM sync_state WHERE advisor_id = ? AND business_id = ? AND entity = ?').get(s.advisorId, s.businessId, entity) as
    | Row
    | undefined;
  return row && toState(row);
}

export function listSyncStates(db: Db, s: Scope): SyncState[] {
  return (db.prepare('SELECT * FROM sync_state WHERE advisor_id = ? AND business_id = ? ORDER BY entity').all(s.advisorId, s.businessId) as Row[]).map(toState);
}

/** Records progress: only the fields given change. Call in the same transaction as the data it covers. */
export function putSyncState(db: Db, s: Scope, entity: string, patch: Partial<Omit<SyncState, 'entity'>>): void {
  const current = getSyncState(db, s, entity);
  const next = { ...(current ?? { cursor: null, fullLoadPosition: null, lastSuccessAt: null, lastError: null, lastErrorCode: null, lastErrorAt: null, reconcileFrom: null }), ...patch };
  db.prepare(
    `INSERT INTO sync_state (advisor_id, business_id, entity, cursor, full_load_position, last_success_at, last_error, last_error_code, last_error_at, reconcile_from)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (advisor_id, business_id, entity) DO UPDATE SET cursor = excluded.cursor, full_load_position = excluded.full_load_position,
       last_success_at = excluded.last_success_at, last_error = excluded.last_error, last_error_code = excluded.last_error_code, last_error_at = excluded.last_error_at,
       reconcile_from = excluded.reconcile_from`,
  ).run(s.advisorId, s.businessId, entity, next.cursor, next.fullLoadPosition, next.lastSuccessAt, next.lastError, next.lastErrorCode, next.lastErrorAt, next.reconcileFrom);
}
