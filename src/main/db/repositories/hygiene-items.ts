import type { TrayItem, TrayStatus } from '../../../core/advisor-work.ts';
import type { HygieneCode, Severity } from '../../../core/hygiene/codes.ts';
import type { Finding } from '../../../core/hygiene/rules.ts';
import { syncProblemCodes } from '../../../core/tray/sync-problem.ts';
import type { Db } from '../open.ts';
import { stmt } from '../statements.ts';
import type { Scope } from '../scope.ts';

export type HygieneStatus = TrayStatus;
export type { Severity };

/** What a rule (or the sync engine) found; `recordKey` maps the same finding to the same item across runs. */
export type HygieneFinding = Finding;

export type HygieneItem = TrayItem;

type Row = {
  id: number;
  code: HygieneCode;
  severity: Severity;
  status: HygieneStatus;
  entity: string | null;
  record_key: string;
  qbo_ids: string;
  title: string;
  detail: string | null;
  amount_cents: number | null;
  /** COALESCE(currency, the client's home currency): see listHygieneItems. */
  amount_currency: string;
  first_seen_at: string;
  last_seen_at: string;
  resolved_at: string | null;
  decided_by: string | null;
  decided_at: string | null;
  note: string | null;
};

const toItem = (r: Row): HygieneItem => ({
  id: r.id,
  code: r.code,
  severity: r.severity,
  status: r.status,
  entity: r.entity,
  recordKey: r.record_key,
  qboIds: JSON.parse(r.qbo_ids) as string[],
  title: r.title,
  detail: r.detail,
  amountCents: r.amount_cents,
  currency: r.amount_currency,
  firstSeenAt: r.first_seen_at,
  lastSeenAt: r.last_seen_at,
  resolvedAt: r.resolved_at,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  note: r.note,
});

/**
 * Raises a finding, or refreshes it if already known. An approved or excluded item keeps the advisor's
 * choice; a resolved one that shows up again is reopened.
 */
export function raiseHygieneItem(db: Db, s: Scope, f: HygieneFinding, now: string): void {
  stmt(
    db,
    `INSERT INTO hygiene_items (advisor_id, business_id, code, severity, status, entity, record_key, qbo_ids, title, detail, amount_cents, currency, first_seen_at, last_seen_at)
     VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (advisor_id, business_id, code, record_key) DO UPDATE SET
       severity = excluded.severity, qbo_ids = excluded.qbo_ids, title = excluded.title, detail = excluded.detail,
       amount_cents = excluded.amount_cents, currency = excluded.currency, last_seen_at = excluded.last_seen_at,
       status = CASE WHEN hygiene_items.status = 'resolved' THEN 'open' ELSE hygiene_items.status END,
       resolved_at = CASE WHEN hygiene_items.status = 'resolved' THEN NULL ELSE hygiene_items.resolved_at END`,
  ).run(
    s.advisorId,
    s.businessId,
    f.code,
    f.severity,
    f.entity,
    f.recordKey,
    JSON.stringify(f.qboIds),
    f.title,
    f.detail ?? null,
    f.amountCents ?? null,
    f.currency ?? null,
    now,
    now,
  );
}

/**
 * Marks items of these codes resolved unless their key is still found. Open and approved items resolve
 * when the data is fixed (an approval says "this finding is fine", not "keep it forever"); excluded items
 * stay excluded: the advisor turned the rule off for that record, whatever the data does.
 */
export function resolveMissing(
  db: Db,
  s: Scope,
  codes: readonly HygieneCode[],
  stillFound: ReadonlySet<string>,
  now: string,
): number {
  if (codes.length === 0) return 0;
  const open = stmt(
    db,
    `SELECT id, code, record_key FROM hygiene_items WHERE advisor_id = ? AND business_id = ? AND status IN ('open', 'approved') AND code IN (${codes.map(() => '?').join(',')})`,
  ).all(s.advisorId, s.businessId, ...codes) as { id: number; code: string; record_key: string }[];
  const resolve = stmt(
    db,
    `UPDATE hygiene_items SET status = 'resolved', resolved_at = ? WHERE id = ?`,
  );
  let n = 0;
  for (const item of open) {
    if (!stillFound.has(`${item.code}|${item.record_key}`)) n += resolve.run(now, item.id).changes;
  }
  return n;
}

export function listHygieneItems(
  db: Db,
  s: Scope,
  statuses: readonly HygieneStatus[] = ['open'],
): HygieneItem[] {
  const rows = stmt(
    db,
    // An amount without a currency of its own is in the client's home currency.
    `SELECT h.*, COALESCE(h.currency, c.home_currency) AS amount_currency FROM hygiene_items h JOIN clients c ON c.business_id = h.business_id
       WHERE h.advisor_id = ? AND h.business_id = ? AND h.status IN (${statuses.map(() => '?').join(',')})
       ORDER BY CASE h.severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, h.code, h.id`,
  ).all(s.advisorId, s.businessId, ...statuses) as Row[];
  return rows.map(toItem);
}

export function decideHygieneItem(
  db: Db,
  s: Scope,
  id: number,
  status: 'approved' | 'excluded' | 'open',
  by: string,
  note: string | null,
  now: string,
): boolean {
  return (
    stmt(
      db,
      `UPDATE hygiene_items SET status = ?, decided_by = ?, decided_at = ?, note = ? WHERE id = ? AND advisor_id = ? AND business_id = ?`,
    ).run(status, by, now, note, id, s.advisorId, s.businessId).changes > 0
  );
}

/** The status of one tray item of this client, or undefined when it has no such item. */
export function trayItemStatus(db: Db, s: Scope, id: number): HygieneStatus | undefined {
  const row = stmt(
    db,
    'SELECT status FROM hygiene_items WHERE id = ? AND advisor_id = ? AND business_id = ?',
  ).get(id, s.advisorId, s.businessId) as { status: HygieneStatus } | undefined;
  return row?.status;
}

/**
 * Open items per client and severity, across every client of the advisor (the client list's counts): the
 * tray's items, so not its sync problems (the client's connection state, core/tray/sync-problem.ts).
 */
export function openItemCounts(
  db: Db,
  advisorId: string,
): { businessId: string; severity: Severity; n: number }[] {
  return stmt(
    db,
    `SELECT business_id AS businessId, severity, COUNT(*) AS n FROM hygiene_items
     WHERE advisor_id = ? AND status = 'open' AND code NOT IN (SELECT value FROM json_each(?))
     GROUP BY business_id, severity`,
  ).all(advisorId, JSON.stringify(syncProblemCodes)) as {
    businessId: string;
    severity: Severity;
    n: number;
  }[];
}

export function hasOpenItem(db: Db, s: Scope, code: HygieneCode): boolean {
  return (
    stmt(
      db,
      `SELECT 1 FROM hygiene_items WHERE advisor_id = ? AND business_id = ? AND code = ? AND status = 'open' LIMIT 1`,
    ).get(s.advisorId, s.businessId, code) !== undefined
  );
}

/** Resolves the open item of this code and record key, if there is one (the record now reads whole). */
export function resolveOpenItem(
  db: Db,
  s: Scope,
  code: HygieneCode,
  recordKey: string,
  now: string,
): void {
  stmt(
    db,
    `UPDATE hygiene_items SET status = 'resolved', resolved_at = ? WHERE advisor_id = ? AND business_id = ? AND code = ? AND record_key = ? AND status = 'open'`,
  ).run(now, s.advisorId, s.businessId, code, recordKey);
}
