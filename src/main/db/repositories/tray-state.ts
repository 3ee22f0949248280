// When each client's tray was last computed, and from what (tray_state): the tray is computed again when
// the client's sync mark (connection, last success, last error, entities synced), the day or the
// thresholds no longer match, or when its next entity turns stale (services/tray/recompute.ts).
import type { Db } from '../open.ts';
import type { Scope } from '../scope.ts';
import { stmt } from '../statements.ts';

/** A client's sync mark, in SQL over `clients c LEFT JOIN sync_state s`: the one definition of it. */
const markSql = `c.connection_state || '|' || COALESCE(MAX(s.last_success_at), '') || '|' || COALESCE(MAX(s.last_error_at), '') || '|' || COUNT(s.entity)`;

/** What a tray is computed from: the client's sync progress and connection. */
export function syncMark(db: Db, s: Scope): string {
  const row = stmt(
    db,
    `SELECT ${markSql} AS mark FROM clients c
     LEFT JOIN sync_state s ON s.advisor_id = c.advisor_id AND s.business_id = c.business_id
     WHERE c.advisor_id = ? AND c.business_id = ? GROUP BY c.business_id`,
  ).get(s.advisorId, s.businessId) as { mark: string } | undefined;
  return row?.mark ?? '';
}

export type TrayState = {
  computedAt: string;
  computedOn: string;
  mark: string;
  nextCheckAt: string | null;
};

export function saveTrayState(db: Db, s: Scope, t: TrayState): void {
  stmt(
    db,
    `INSERT INTO tray_state (advisor_id, business_id, computed_at, computed_on, mark, next_check_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (advisor_id, business_id) DO UPDATE SET computed_at = excluded.computed_at, computed_on = excluded.computed_on, mark = excluded.mark,
       next_check_at = excluded.next_check_at`,
  ).run(s.advisorId, s.businessId, t.computedAt, t.computedOn, t.mark, t.nextCheckAt);
}

/** Every client of the advisor: when and from what its tray was computed (null: never), and its sync mark now. */
export function trayStates(
  db: Db,
  advisorId: string,
): {
  businessId: string;
  computedOn: string | null;
  mark: string | null;
  nextCheckAt: string | null;
  current: string;
}[] {
  return stmt(
    db,
    `SELECT c.business_id AS businessId, t.computed_on AS computedOn, t.mark, t.next_check_at AS nextCheckAt, ${markSql} AS current
     FROM clients c
     LEFT JOIN tray_state t ON t.advisor_id = c.advisor_id AND t.business_id = c.business_id
     LEFT JOIN sync_state s ON s.advisor_id = c.advisor_id AND s.business_id = c.business_id
     WHERE c.advisor_id = ? GROUP BY c.business_id`,
  ).all(advisorId) as {
    businessId: string;
    computedOn: string | null;
    mark: string | null;
    nextCheckAt: string | null;
    current: string;
  }[];
}
