// The hub's audit trail (hub migration 11): rows are only ever added.
import type { HubSql } from '../hub-db.ts';

export type AuditEntry = {
  advisorId: string | null;
  deviceId?: string | null;
  companyId?: string | null;
  action: string;
  kind?: string | null;
  itemKey?: string | null;
  opId?: string | null;
  before?: unknown;
  after?: unknown;
  detail?: string | null;
};

export async function addAudit(q: HubSql, e: AuditEntry): Promise<void> {
  await q.query(
    `INSERT INTO audit_trail (advisor_id, device_id, company_id, action, kind, item_key, op_id, before, after, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      e.advisorId,
      e.deviceId ?? null,
      e.companyId ?? null,
      e.action,
      e.kind ?? null,
      e.itemKey ?? null,
      e.opId ?? null,
      e.before === undefined ? null : JSON.stringify(e.before),
      e.after === undefined ? null : JSON.stringify(e.after),
      e.detail ?? null,
    ],
  );
}

export type AuditRow = {
  id: number;
  at: string;
  by: string | null;
  companyId: string | null;
  action: string;
  kind: string | null;
  itemKey: string | null;
  opId: string | null;
  before: unknown;
  after: unknown;
  detail: string | null;
};

/** A client's audit trail, oldest first, after `afterId` (paging). */
export async function auditOf(
  q: HubSql,
  companyId: string,
  afterId: number,
  limit: number,
): Promise<AuditRow[]> {
  const rows = await q.query<{
    id: number;
    at: string;
    email: string | null;
    company_id: string | null;
    action: string;
    kind: string | null;
    item_key: string | null;
    op_id: string | null;
    before: unknown;
    after: unknown;
    detail: string | null;
  }>(
    `SELECT t.id, t.at, a.email, t.company_id, t.action, t.kind, t.item_key, t.op_id, t.before, t.after, t.detail
       FROM audit_trail t LEFT JOIN advisors a ON a.id = t.advisor_id
      WHERE t.company_id = $1 AND t.id > $2 ORDER BY t.id LIMIT $3`,
    [companyId, afterId, limit],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at,
    by: r.email,
    companyId: r.company_id,
    action: r.action,
    kind: r.kind,
    itemKey: r.item_key,
    opId: r.op_id,
    before: r.before,
    after: r.after,
    detail: r.detail,
  }));
}
