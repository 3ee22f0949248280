// Where each company's sync stands, per entity: a full load's next page (`fullPosition`, null when no
// load is under way) and the CDC cursor (QBO's own time minus 60 s). Written in the page's transaction.
import type { HubSql } from '../hub-db.ts';

export type SyncCursor = {
  entity: string;
  fullPosition: number | null;
  fullStartedAt: string | null;
  reconcile: boolean;
  cursor: string | null;
  lastSuccessAt: string | null;
};

export async function listCursors(q: HubSql, companyId: string): Promise<SyncCursor[]> {
  return q.query<SyncCursor>(
    `SELECT entity, full_position AS "fullPosition", full_started_at AS "fullStartedAt", reconcile,
       cursor, last_success_at AS "lastSuccessAt"
     FROM sync_cursors WHERE company_id = $1`,
    [companyId],
  );
}

export type CursorWrite = {
  fullPosition: number | null;
  fullStartedAt: string | null;
  reconcile: boolean;
  cursor: string | null;
  success: boolean;
};

/** Saves the cursors of several entities of a company in one statement (a CDC answer moves all of them). */
export async function saveCursors(
  q: HubSql,
  companyId: string,
  cursors: readonly ({ entity: string } & CursorWrite)[],
): Promise<void> {
  if (cursors.length === 0) return;
  await q.query(
    `INSERT INTO sync_cursors (company_id, entity, full_position, full_started_at, reconcile, cursor,
       last_success_at, updated_at)
     SELECT $1, c.entity, c.full_position, c.full_started_at, c.reconcile, c.cursor,
       CASE WHEN c.success THEN now() END, now()
     FROM jsonb_to_recordset($2::jsonb) AS c(entity text, full_position integer,
       full_started_at timestamptz, reconcile boolean, cursor text, success boolean)
     ON CONFLICT (company_id, entity) DO UPDATE SET full_position = excluded.full_position,
       full_started_at = excluded.full_started_at, reconcile = excluded.reconcile,
       cursor = excluded.cursor,
       last_success_at = coalesce(excluded.last_success_at, sync_cursors.last_success_at),
       last_error = CASE WHEN excluded.last_success_at IS NOT NULL THEN NULL ELSE sync_cursors.last_error END,
       updated_at = now()`,
    [
      companyId,
      JSON.stringify(
        cursors.map((c) => ({
          entity: c.entity,
          full_position: c.fullPosition,
          full_started_at: c.fullStartedAt,
          reconcile: c.reconcile,
          cursor: c.cursor,
          success: c.success,
        })),
      ),
    ],
  );
}

/** The database's clock (one clock for a fleet of machines), as ISO. */
export async function dbNow(q: HubSql): Promise<string> {
  return (await q.query<{ now: string }>('SELECT now() AS now'))[0]!.now;
}
