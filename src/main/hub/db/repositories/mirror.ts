// The hub's mirror: QBO's records as QBO sent them, one row per company, entity and Id, each carrying
// the change_seq of its last content change (what desktops pull by). Writers call lockChangeSeq first.
import type { HubSql } from '../hub-db.ts';
import { lockChangeSeq } from './change-seq.ts';

export type MirrorWrite = {
  qboId: string;
  syncToken: string | null;
  lastUpdated: string | null;
  body: unknown;
  problems: readonly string[];
  deleted: boolean;
};

/**
 * Writes a page of records: rows new or changed (body or deletion) take a fresh change_seq, the others
 * only note that this load saw them (`synced_at`, when `touch`). Returns how many rows changed.
 * A deletion keeps the record's last body. Takes the change_seq lock first (held to commit).
 */
export async function writeMirrorPage(
  q: HubSql,
  companyId: string,
  entity: string,
  rows: readonly MirrorWrite[],
  o: { touch: boolean },
): Promise<number> {
  if (rows.length === 0) return 0;
  // Before touching any mirror row: a writer that held row locks while waiting for this lock would
  // deadlock with one (the outbox) that holds it and writes the same row.
  await lockChangeSeq(q);
  const incoming = JSON.stringify(
    rows.map((r) => ({
      qbo_id: r.qboId,
      sync_token: r.syncToken,
      last_updated: r.lastUpdated,
      body: r.body,
      problems: r.problems,
      deleted: r.deleted,
    })),
  );
  const recordset = `jsonb_to_recordset($3::jsonb) AS i(qbo_id text, sync_token text,
    last_updated timestamptz, body jsonb, problems jsonb, deleted boolean)`;
  // One Id twice in a page (QBO should not, but a page is data): the last one counts.
  const changed = await q.query<{ qbo_id: string }>(
    `SELECT DISTINCT i.qbo_id FROM ${recordset}
     LEFT JOIN mirror_records m ON m.company_id = $1 AND m.entity = $2 AND m.qbo_id = i.qbo_id
     WHERE m.qbo_id IS NULL OR m.deleted <> i.deleted OR (NOT i.deleted AND m.body <> i.body)`,
    [companyId, entity, incoming],
  );
  if (o.touch)
    await q.query(
      `UPDATE mirror_records m SET synced_at = now() FROM ${recordset}
       WHERE m.company_id = $1 AND m.entity = $2 AND m.qbo_id = i.qbo_id`,
      [companyId, entity, incoming],
    );
  if (changed.length === 0) return 0;
  const ids = new Set(changed.map((r) => r.qbo_id));
  const last = new Map<string, MirrorWrite>();
  for (const r of rows) if (ids.has(r.qboId)) last.set(r.qboId, r);
  const writes = JSON.stringify(
    [...last.values()].map((r) => ({
      qbo_id: r.qboId,
      sync_token: r.syncToken,
      last_updated: r.lastUpdated,
      body: r.body,
      problems: r.problems,
      deleted: r.deleted,
    })),
  );
  await q.query(
    `INSERT INTO mirror_records AS m (company_id, entity, qbo_id, sync_token, last_updated, body,
       problems, deleted, change_seq, synced_at)
     SELECT $1, $2, i.qbo_id, i.sync_token, i.last_updated, i.body, i.problems, i.deleted,
       nextval('change_seq'), now()
     FROM ${recordset}
     ON CONFLICT (company_id, entity, qbo_id) DO UPDATE SET
       sync_token = excluded.sync_token,
       last_updated = coalesce(excluded.last_updated, m.last_updated),
       body = CASE WHEN excluded.deleted THEN m.body ELSE excluded.body END,
       problems = excluded.problems,
       deleted = excluded.deleted,
       change_seq = excluded.change_seq,
       synced_at = excluded.synced_at`,
    [companyId, entity, writes],
  );
  return last.size;
}

/** Whether this load (begun at `since`) already wrote or saw the record. */
export async function seenSince(
  q: HubSql,
  companyId: string,
  entity: string,
  qboId: string,
  since: string,
): Promise<boolean> {
  const rows = await q.query(
    `SELECT 1 FROM mirror_records WHERE company_id = $1 AND entity = $2 AND qbo_id = $3
       AND synced_at >= $4::timestamptz`,
    [companyId, entity, qboId, since],
  );
  return rows.length > 0;
}

/** A reconciling load's last page: rows it did not see are gone from QBO. Returns how many. */
export async function markUnseenDeleted(
  q: HubSql,
  companyId: string,
  entity: string,
  before: string,
): Promise<number> {
  await lockChangeSeq(q);
  const rows = await q.query(
    `UPDATE mirror_records SET deleted = true, change_seq = nextval('change_seq')
     WHERE company_id = $1 AND entity = $2 AND NOT deleted AND synced_at < $3::timestamptz
     RETURNING 1`,
    [companyId, entity, before],
  );
  return rows.length;
}

export async function noteRejections(
  q: HubSql,
  companyId: string,
  entity: string,
  rejected: readonly { qboId: string | null; reason: string }[],
): Promise<void> {
  for (const r of rejected)
    await q.query(
      `INSERT INTO mirror_rejections (company_id, entity, qbo_id, reason) VALUES ($1, $2, $3, $4)
       ON CONFLICT (company_id, entity, qbo_id) DO UPDATE SET reason = excluded.reason, seen_at = now()`,
      [companyId, entity, r.qboId, r.reason],
    );
}

/** Live (not deleted) rows per entity of a company. */
export async function countMirror(q: HubSql, companyId: string): Promise<Record<string, number>> {
  const rows = await q.query<{ entity: string; n: number }>(
    `SELECT entity, count(*)::int AS n FROM mirror_records
     WHERE company_id = $1 AND NOT deleted GROUP BY entity`,
    [companyId],
  );
  return Object.fromEntries(rows.map((r) => [r.entity, r.n]));
}

export type MirrorRecord = {
  body: Record<string, unknown>;
  syncToken: string | null;
  deleted: boolean;
  changeSeq: number;
};

export async function readMirrorRecord(
  q: HubSql,
  companyId: string,
  entity: string,
  qboId: string,
): Promise<MirrorRecord | undefined> {
  const rows = await q.query<MirrorRecord>(
    `SELECT body, sync_token AS "syncToken", deleted, change_seq AS "changeSeq" FROM mirror_records
     WHERE company_id = $1 AND entity = $2 AND qbo_id = $3`,
    [companyId, entity, qboId],
  );
  return rows[0];
}
