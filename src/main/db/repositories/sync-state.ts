import type { Db } from '../open.ts';
import { stmt } from '../statements.ts';
import type { Scope } from '../scope.ts';

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
  const row = stmt(
    db,
    'SELECT * FROM sync_state WHERE advisor_id = ? AND business_id = ? AND entity = ?',
  ).get(s.advisorId, s.businessId, entity) as Row | undefined;
  return row && toState(row);
}

export function listSyncStates(db: Db, s: Scope): SyncState[] {
  return (
    stmt(
      db,
      'SELECT * FROM sync_state WHERE advisor_id = ? AND business_id = ? ORDER BY entity',
    ).all(s.advisorId, s.businessId) as Row[]
  ).map(toState);
}

/** Records progress: only the fields given change. Call in the same transaction as the data it covers. */
export function putSyncState(
  db: Db,
  s: Scope,
  entity: string,
  patch: Partial<Omit<SyncState, 'entity'>>,
): void {
  const current = getSyncState(db, s, entity);
  const next = {
    ...(current ?? {
      cursor: null,
      fullLoadPosition: null,
      lastSuccessAt: null,
      lastError: null,
      lastErrorCode: null,
      lastErrorAt: null,
      reconcileFrom: null,
    }),
    ...patch,
  };
  stmt(
    db,
    `INSERT INTO sync_state (advisor_id, business_id, entity, cursor, full_load_position, last_success_at, last_error, last_error_code, last_error_at, reconcile_from)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (advisor_id, business_id, entity) DO UPDATE SET cursor = excluded.cursor, full_load_position = excluded.full_load_position,
       last_success_at = excluded.last_success_at, last_error = excluded.last_error, last_error_code = excluded.last_error_code, last_error_at = excluded.last_error_at,
       reconcile_from = excluded.reconcile_from`,
  ).run(
    s.advisorId,
    s.businessId,
    entity,
    next.cursor,
    next.fullLoadPosition,
    next.lastSuccessAt,
    next.lastError,
    next.lastErrorCode,
    next.lastErrorAt,
    next.reconcileFrom,
  );
}

/**
 * Every mirrored entity's freshness for one client: its policy TTL (entity_policy) and last successful
 * sync (null when never), for the tray's staleSync rule.
 */
export function syncFreshness(
  db: Db,
  s: Scope,
): { entity: string; ttlSeconds: number; lastSuccessAt: string | null }[] {
  return stmt(
    db,
    `SELECT p.entity, p.ttl_seconds AS ttlSeconds, st.last_success_at AS lastSuccessAt FROM entity_policy p
     LEFT JOIN sync_state st ON st.advisor_id = ? AND st.business_id = ? AND st.entity = p.entity ORDER BY p.entity`,
  ).all(s.advisorId, s.businessId) as {
    entity: string;
    ttlSeconds: number;
    lastSuccessAt: string | null;
  }[];
}

/** syncFreshness for every client of the advisor in one read (refreshTrays decides freshness once per call). */
export function syncFreshnessByClient(
  db: Db,
  advisorId: string,
): Map<string, { entity: string; ttlSeconds: number; lastSuccessAt: string | null }[]> {
  const rows = stmt(
    db,
    `SELECT c.business_id AS businessId, p.entity, p.ttl_seconds AS ttlSeconds, st.last_success_at AS lastSuccessAt
     FROM clients c CROSS JOIN entity_policy p
     LEFT JOIN sync_state st ON st.advisor_id = c.advisor_id AND st.business_id = c.business_id AND st.entity = p.entity
     WHERE c.advisor_id = ? ORDER BY c.business_id, p.entity`,
  ).all(advisorId) as {
    businessId: string;
    entity: string;
    ttlSeconds: number;
    lastSuccessAt: string | null;
  }[];
  const out = new Map<
    string,
    { entity: string; ttlSeconds: number; lastSuccessAt: string | null }[]
  >();
  for (const { businessId, ...r } of rows) {
    const list = out.get(businessId);
    if (list) list.push(r);
    else out.set(businessId, [r]);
  }
  return out;
}

/** Each client's latest successful sync of any entity (null when never). */
export function lastSuccessByClient(
  db: Db,
  advisorId: string,
): { businessId: string; at: string | null }[] {
  return stmt(
    db,
    `SELECT business_id AS businessId, MAX(last_success_at) AS at FROM sync_state WHERE advisor_id = ? GROUP BY business_id`,
  ).all(advisorId) as {
    businessId: string;
    at: string | null;
  }[];
}
