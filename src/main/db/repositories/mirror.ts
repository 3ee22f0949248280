// Mirror upserts and reads. Statements are built once per table from fixed column lists (never from
// values) and cached in the database layer's one cache (statements.ts); rows are written in one
// transaction by the caller.
import {
  isRejected,
  mirrorColumns,
  toMirrorRow,
  type MirrorRow,
} from '../../../core/mirror/columns.ts';
import { mirrorTableOf, type MirroredEntity } from '../../../core/mirror/entities.ts';
import type { Db } from '../open.ts';
import { namedStmt, stmt, type Statement } from '../statements.ts';

function upsertStatement(db: Db, entity: MirroredEntity): Statement {
  return namedStmt(db, `upsert:${entity}`, () => {
    const cols = mirrorColumns[entity];
    const all = [
      'advisor_id',
      'business_id',
      'qbo_id',
      'version',
      'data',
      'last_updated',
      'synced_at',
      'deleted',
      'problems',
      ...cols,
    ];
    const updates = all
      .filter((c) => !['advisor_id', 'business_id', 'qbo_id'].includes(c))
      .map((c) => `${c} = excluded.${c}`);
    return `INSERT INTO ${mirrorTableOf[entity]} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')})
            ON CONFLICT (advisor_id, business_id, qbo_id) DO UPDATE SET ${updates.join(', ')}`;
  });
}

function tombstoneStatement(db: Db, entity: MirroredEntity): Statement {
  return namedStmt(
    db,
    `tombstone:${entity}`,
    () => `INSERT INTO ${mirrorTableOf[entity]} (advisor_id, business_id, qbo_id, version, data, last_updated, synced_at, deleted)
           VALUES (?, ?, ?, ?, ?, ?, ?, 1)
           ON CONFLICT (advisor_id, business_id, qbo_id) DO UPDATE SET deleted = 1, last_updated = excluded.last_updated, synced_at = excluded.synced_at`,
  );
}

/**
 * Writes mapped rows (raw JSON alongside). Call inside a transaction for many rows.
 * A deleted row keeps its last known data and is marked deleted, so history stays readable.
 */
export function upsertMirrorRows(
  db: Db,
  scope: { advisorId: string; businessId: string },
  entity: MirroredEntity,
  rows: readonly { row: MirrorRow; raw: string }[],
  syncedAt: string,
): void {
  const upsert = upsertStatement(db, entity);
  const tombstone = tombstoneStatement(db, entity);
  const cols = mirrorColumns[entity];
  // One parameter array for the whole batch (bound values are copied by SQLite): a first load writes
  // tens of thousands of rows, and a fresh array per row is garbage the collector must chase mid-sync.
  const values: (string | number | null)[] = new Array<string | number | null>(9 + cols.length);
  values[0] = scope.advisorId;
  values[1] = scope.businessId;
  values[6] = syncedAt;
  values[7] = 0;
  for (const { row, raw } of rows) {
    if (row.deleted) {
      tombstone.run(
        scope.advisorId,
        scope.businessId,
        row.qboId,
        row.version,
        raw,
        row.lastUpdated,
        syncedAt,
      );
      continue;
    }
    values[2] = row.qboId;
    values[3] = row.version;
    values[4] = raw;
    values[5] = row.lastUpdated;
    values[8] = row.problems.length ? JSON.stringify(row.problems) : null;
    for (let i = 0; i < cols.length; i++) values[9 + i] = row.columns[cols[i]!] ?? null;
    upsert.run(values);
  }
}

export type MirrorRecord = {
  qboId: string;
  version: string;
  data: unknown;
  lastUpdated: string | null;
  syncedAt: string;
  problems: string[];
};

export function readMirror(
  db: Db,
  scope: { advisorId: string; businessId: string },
  entity: MirroredEntity,
): MirrorRecord[] {
  const rows = namedStmt(
    db,
    `read:${entity}`,
    () => `SELECT qbo_id, version, data, last_updated, synced_at, problems FROM ${mirrorTableOf[entity]}
           WHERE advisor_id = ? AND business_id = ? AND deleted = 0 ORDER BY qbo_id`,
  ).all(scope.advisorId, scope.businessId) as {
    qbo_id: string;
    version: string;
    data: string;
    last_updated: string | null;
    synced_at: string;
    problems: string | null;
  }[];
  return rows.map((r) => ({
    qboId: r.qbo_id,
    version: r.version,
    data: JSON.parse(r.data) as unknown,
    lastUpdated: r.last_updated,
    syncedAt: r.synced_at,
    problems: r.problems ? (JSON.parse(r.problems) as string[]) : [],
  }));
}

/** When a mirror row was last written by a sync, or undefined when the mirror has no such record. */
export function mirrorSyncedAt(
  db: Db,
  scope: { advisorId: string; businessId: string },
  entity: MirroredEntity,
  qboId: string,
): string | undefined {
  const row = namedStmt(
    db,
    `synced-at:${entity}`,
    () =>
      `SELECT synced_at FROM ${mirrorTableOf[entity]} WHERE advisor_id = ? AND business_id = ? AND qbo_id = ?`,
  ).get(scope.advisorId, scope.businessId, qboId) as { synced_at: string } | undefined;
  return row?.synced_at;
}

export function countMirror(
  db: Db,
  scope: { advisorId: string; businessId: string },
  entity: MirroredEntity,
  includeDeleted = false,
): number {
  const row = namedStmt(
    db,
    `count:${entity}:${includeDeleted}`,
    () =>
      `SELECT COUNT(*) AS n FROM ${mirrorTableOf[entity]} WHERE advisor_id = ? AND business_id = ?${includeDeleted ? '' : ' AND deleted = 0'}`,
  ).get(scope.advisorId, scope.businessId) as { n: number };
  return row.n;
}

/**
 * The last page of a reconciling full load: every live row of this entity synced before `before` was not
 * seen by the load, so QBO no longer has it (queries carry no deletions): it is marked deleted. Returns how many.
 */
export function markUnseenDeleted(
  db: Db,
  scope: { advisorId: string; businessId: string },
  entity: MirroredEntity,
  before: string,
  now: string,
): number {
  return namedStmt(
    db,
    `unseen-deleted:${entity}`,
    () =>
      `UPDATE ${mirrorTableOf[entity]} SET deleted = 1, synced_at = ? WHERE advisor_id = ? AND business_id = ? AND deleted = 0 AND synced_at < ?`,
  ).run(now, scope.advisorId, scope.businessId, before).changes;
}

/** What deciding on a bill needs to know from the mirror: its open balance, whether QBO deleted it, its vendor and due date. */
export function billToDecide(
  db: Db,
  scope: { advisorId: string; businessId: string },
  qboId: string,
):
  | { balance: number | null; deleted: number; vendorId: string | null; dueDate: string | null }
  | undefined {
  return stmt(
    db,
    'SELECT balance_cents AS balance, deleted, vendor_id AS vendorId, due_date AS dueDate FROM mirror_bills WHERE advisor_id = ? AND business_id = ? AND qbo_id = ?',
  ).get(scope.advisorId, scope.businessId, qboId) as
    | { balance: number | null; deleted: number; vendorId: string | null; dueDate: string | null }
    | undefined;
}

/** Whether the mirror holds this invoice and QBO has not deleted it. */
export function invoiceIsLive(
  db: Db,
  scope: { advisorId: string; businessId: string },
  qboId: string,
): boolean {
  const row = stmt(
    db,
    'SELECT deleted FROM mirror_invoices WHERE advisor_id = ? AND business_id = ? AND qbo_id = ?',
  ).get(scope.advisorId, scope.businessId, qboId) as { deleted: number } | undefined;
  return row !== undefined && !row.deleted;
}

/** One mirrored record as QBO last sent it (or as a fix recorded here changed it), with its SyncToken. */
export function readMirrorRecord(
  db: Db,
  scope: { advisorId: string; businessId: string },
  entity: MirroredEntity,
  qboId: string,
): { version: string; data: Record<string, unknown>; deleted: boolean } | undefined {
  const r = namedStmt(
    db,
    `one:${entity}`,
    () =>
      `SELECT version, data, deleted FROM ${mirrorTableOf[entity]} WHERE advisor_id = ? AND business_id = ? AND qbo_id = ?`,
  ).get(scope.advisorId, scope.businessId, qboId) as
    { version: string; data: string; deleted: number } | undefined;
  return (
    r && {
      version: r.version,
      data: JSON.parse(r.data) as Record<string, unknown>,
      deleted: r.deleted === 1,
    }
  );
}

/**
 * Writes one record's QBO JSON into the mirror through the same mapper as a sync: a fix's answer from QBO,
 * or a pending fix shown at once. Returns false when the mapper refuses the record (nothing written).
 */
export function writeMirrorRecord(
  db: Db,
  scope: { advisorId: string; businessId: string },
  entity: MirroredEntity,
  data: Record<string, unknown>,
  syncedAt: string,
): boolean {
  const row = toMirrorRow(entity, data);
  if (isRejected(row)) return false;
  upsertMirrorRows(db, scope, entity, [{ row, raw: JSON.stringify(data) }], syncedAt);
  return true;
}
