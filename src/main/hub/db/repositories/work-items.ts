// The advisors' shared work (hub migration 11) and what a desktop pulls: mirror rows and work items of
// its clients after a change_seq. Writers here take change_seq only under lockChangeSeq (change-seq.ts),
// so a reader's cursor never passes a row still being committed.
import type { HubSql } from '../hub-db.ts';

export type WorkKind = 'decision' | 'tray' | 'call' | 'note' | 'scenario';

export type WorkItem = {
  companyId: string;
  kind: WorkKind;
  itemKey: string;
  body: Record<string, unknown>;
  opId: string;
  by: string;
  deviceId: string;
  madeAt: string | null;
  receivedAt: string;
  replacedOpId: string | null;
  changeSeq: number;
};

type ItemRow = {
  company_id: string;
  kind: WorkKind;
  item_key: string;
  body: Record<string, unknown>;
  op_id: string;
  email: string;
  device_id: string;
  made_at: string | null;
  received_at: string;
  replaced_op_id: string | null;
  change_seq: number;
};

const toItem = (r: ItemRow): WorkItem => ({
  companyId: r.company_id,
  kind: r.kind,
  itemKey: r.item_key,
  body: r.body,
  opId: r.op_id,
  by: r.email,
  deviceId: r.device_id,
  madeAt: r.made_at,
  receivedAt: r.received_at,
  replacedOpId: r.replaced_op_id,
  changeSeq: Number(r.change_seq),
});

/** The answer already given to this op (a repeated push), or undefined for an op never seen. */
export async function opReceipt(q: HubSql, opId: string): Promise<unknown> {
  const [row] = await q.query<{ result: unknown }>('SELECT result FROM work_ops WHERE op_id = $1', [
    opId,
  ]);
  return row?.result;
}

export async function saveOpReceipt(
  q: HubSql,
  r: {
    opId: string;
    companyId: string;
    advisorId: string;
    deviceId: string;
    kind: string;
    itemKey: string;
    result: unknown;
  },
): Promise<void> {
  await q.query(
    `INSERT INTO work_ops (op_id, company_id, advisor_id, device_id, kind, item_key, result)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [r.opId, r.companyId, r.advisorId, r.deviceId, r.kind, r.itemKey, JSON.stringify(r.result)],
  );
}

/** The current version of one work item, locked until the transaction ends. */
export async function workItemForUpdate(
  q: HubSql,
  companyId: string,
  kind: WorkKind,
  itemKey: string,
): Promise<WorkItem | undefined> {
  const [row] = await q.query<ItemRow>(
    `SELECT w.company_id, w.kind, w.item_key, w.body, w.op_id, a.email, w.device_id, w.made_at, w.received_at, w.replaced_op_id, w.change_seq
       FROM work_items w JOIN advisors a ON a.id = w.advisor_id
      WHERE w.company_id = $1 AND w.kind = $2 AND w.item_key = $3 FOR UPDATE OF w`,
    [companyId, kind, itemKey],
  );
  return row && toItem(row);
}

/** Writes the new version of a work item with a fresh change_seq (caller holds lockChangeSeq); returns it. */
export async function putWorkItem(
  q: HubSql,
  w: {
    companyId: string;
    kind: WorkKind;
    itemKey: string;
    body: Record<string, unknown>;
    opId: string;
    advisorId: string;
    deviceId: string;
    madeAt: string | null;
    replacedOpId: string | null;
  },
): Promise<number> {
  const [row] = await q.query<{ change_seq: number }>(
    `INSERT INTO work_items (company_id, kind, item_key, body, op_id, advisor_id, device_id, made_at, replaced_op_id, change_seq)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, nextval('change_seq'))
     ON CONFLICT (company_id, kind, item_key) DO UPDATE SET
       body = excluded.body, op_id = excluded.op_id, advisor_id = excluded.advisor_id, device_id = excluded.device_id, made_at = excluded.made_at,
       received_at = now(), replaced_op_id = excluded.replaced_op_id, change_seq = excluded.change_seq
     RETURNING change_seq`,
    [
      w.companyId,
      w.kind,
      w.itemKey,
      JSON.stringify(w.body),
      w.opId,
      w.advisorId,
      w.deviceId,
      w.madeAt,
      w.replacedOpId,
    ],
  );
  return Number(row!.change_seq);
}

export type PulledRecord = {
  type: 'record';
  companyId: string;
  entity: string;
  qboId: string;
  body: unknown;
  deleted: boolean;
  seq: number;
};
export type PulledWork = {
  type: 'work';
  companyId: string;
  kind: WorkKind;
  itemKey: string;
  body: Record<string, unknown>;
  by: string;
  opId: string;
  replacedOpId: string | null;
  madeAt: string | null;
  seq: number;
};
/** A fix in the hub's outbox whose state changed (queued, applied, conflict, failed): its desktop learns. */
export type PulledFix = {
  type: 'fix';
  companyId: string;
  opId: string;
  state: string;
  result: Record<string, unknown> | null;
  by: string | null;
  seq: number;
};
export type PulledChange = PulledRecord | PulledWork | PulledFix;

/**
 * Mirror rows, work items and outbox fixes of these companies with change_seq > since, in seq order, at most `limit`
 * (`more` says whether others follow). Each side is read by its (company_id, change_seq) index.
 */
export async function changesSince(
  q: HubSql,
  companyIds: readonly string[],
  since: number,
  limit: number,
): Promise<{ changes: PulledChange[]; more: boolean }> {
  if (companyIds.length === 0) return { changes: [], more: false };
  const rows = await q.query<{
    type: 'record' | 'work' | 'fix';
    company_id: string;
    kind: string;
    item_key: string;
    body: Record<string, unknown>;
    deleted: boolean;
    change_seq: number;
    op_id: string | null;
    email: string | null;
    replaced_op_id: string | null;
    made_at: string | null;
  }>(
    `WITH wanted AS (SELECT jsonb_array_elements_text($1::jsonb) AS id)
     (SELECT 'record' AS type, m.company_id, m.entity AS kind, m.qbo_id AS item_key, m.body, m.deleted, m.change_seq,
             NULL::text AS op_id, NULL::text AS email, NULL::text AS replaced_op_id, NULL::timestamptz AS made_at
        FROM mirror_records m WHERE m.company_id IN (SELECT id FROM wanted) AND m.change_seq > $2
       ORDER BY m.change_seq LIMIT $3)
     UNION ALL
     (SELECT 'work', w.company_id, w.kind, w.item_key, w.body, false, w.change_seq, w.op_id::text, a.email, w.replaced_op_id::text, w.made_at
        FROM work_items w JOIN advisors a ON a.id = w.advisor_id
       WHERE w.company_id IN (SELECT id FROM wanted) AND w.change_seq > $2
       ORDER BY w.change_seq LIMIT $3)
     UNION ALL
     (SELECT 'fix', o.company_id, o.state, o.entity, coalesce(o.result, 'null'::jsonb), false, o.change_seq,
             o.id::text, o.created_by, NULL::text, NULL::timestamptz
        FROM outbox o WHERE o.company_id IN (SELECT id FROM wanted) AND o.change_seq > $2
       ORDER BY o.change_seq LIMIT $3)
     ORDER BY change_seq LIMIT $3`,
    [JSON.stringify(companyIds), since, limit + 1],
  );
  const more = rows.length > limit;
  const changes = rows.slice(0, limit).map((r): PulledChange =>
    r.type === 'fix'
      ? {
          type: 'fix',
          companyId: r.company_id,
          opId: r.op_id ?? '',
          state: r.kind,
          result: r.body,
          by: r.email,
          seq: Number(r.change_seq),
        }
      : r.type === 'record'
        ? {
            type: 'record',
            companyId: r.company_id,
            entity: r.kind,
            qboId: r.item_key,
            body: r.body,
            deleted: r.deleted,
            seq: Number(r.change_seq),
          }
        : {
            type: 'work',
            companyId: r.company_id,
            kind: r.kind as WorkKind,
            itemKey: r.item_key,
            body: r.body,
            by: r.email ?? '',
            opId: r.op_id ?? '',
            replacedOpId: r.replaced_op_id,
            madeAt: r.made_at,
            seq: Number(r.change_seq),
          },
  );
  return { changes, more };
}
