// What the client list shows per client (migration 014), written by services/client-summary.ts in the
// writers' transactions and read whole by the list: one pass over `clients` joined on the summary's key.
import { syncProblemCodes } from '../../../core/tray/sync-problem.ts';
import type { ClientFigures } from '../../../core/advisor-work.ts';
import type { ConnectionState } from '../../../core/clients.ts';
import type { Severity } from '../../../core/hygiene/codes.ts';
import type { Db } from '../open.ts';
import type { Scope } from '../scope.ts';
import { stmt } from '../statements.ts';

export type SyncAttempt = {
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  lastErrorCode: string | null;
  lastError: string | null;
};

export type ClientSummary = SyncAttempt & {
  computedAt: string;
  /** The local day the figures were projected from. */
  computedOn: string;
  figures: ClientFigures | null;
  openItems: Record<Severity, number>;
};

export function saveClientSummary(db: Db, s: Scope, c: ClientSummary): void {
  const f = c.figures;
  stmt(
    db,
    `INSERT OR REPLACE INTO client_summaries (advisor_id, business_id, computed_at, computed_on,
       last_success_at, last_error_at, last_error_code, last_error,
       cash_cents, runway_days, lowest_on, lowest_cents, first_below_zero,
       flagged_share, habit_share, recurring_share,
       open_payables_count, open_payables_cents, open_receivables_count, open_receivables_cents,
       due_week_count, due_week_cents, overdue_receivables_count, overdue_receivables_cents,
       unconverted_count, items_high, items_medium, items_low)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    s.advisorId,
    s.businessId,
    c.computedAt,
    c.computedOn,
    c.lastSuccessAt,
    c.lastErrorAt,
    c.lastErrorCode,
    c.lastError,
    f?.cashCents ?? null,
    f?.runwayDays ?? null,
    f?.lowest.date ?? null,
    f?.lowest.cashCents ?? null,
    f?.firstBelowZero ?? null,
    f?.confidence.flaggedShare ?? null,
    f?.confidence.habitShare ?? null,
    f?.confidence.recurringShare ?? null,
    f?.openPayables.count ?? null,
    f?.openPayables.cents ?? null,
    f?.openReceivables.count ?? null,
    f?.openReceivables.cents ?? null,
    f?.billsDueThisWeek.count ?? null,
    f?.billsDueThisWeek.cents ?? null,
    f?.overdueReceivables.count ?? null,
    f?.overdueReceivables.cents ?? null,
    f?.unconverted ?? null,
    c.openItems.high,
    c.openItems.medium,
    c.openItems.low,
  );
}

type Row = {
  business_id: string;
  realm_id: string;
  display_name: string;
  connection_state: ConnectionState;
  home_currency: string;
  tags: string;
  computed_at: string | null;
  computed_on: string | null;
  last_success_at: string | null;
  last_error_at: string | null;
  last_error_code: string | null;
  last_error: string | null;
  cash_cents: number | null;
  runway_days: number | null;
  lowest_on: string | null;
  lowest_cents: number | null;
  first_below_zero: string | null;
  flagged_share: number | null;
  habit_share: number | null;
  recurring_share: number | null;
  open_payables_count: number | null;
  open_payables_cents: number | null;
  open_receivables_count: number | null;
  open_receivables_cents: number | null;
  due_week_count: number | null;
  due_week_cents: number | null;
  overdue_receivables_count: number | null;
  overdue_receivables_cents: number | null;
  unconverted_count: number | null;
  items_high: number | null;
  items_medium: number | null;
  items_low: number | null;
};

export type ClientSummaryRow = {
  businessId: string;
  realmId: string;
  displayName: string;
  connectionState: ConnectionState;
  homeCurrency: string;
  tags: string[];
  /** Null: no writer has summarised the client yet (just connected, never synced). */
  summary: ClientSummary | null;
};

function tagsOf(text: string): string[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

const figuresOf = (r: Row): ClientFigures | null =>
  r.cash_cents === null || r.lowest_on === null || r.lowest_cents === null
    ? null
    : {
        cashCents: r.cash_cents,
        runwayDays: r.runway_days,
        lowest: { date: r.lowest_on, cashCents: r.lowest_cents },
        firstBelowZero: r.first_below_zero,
        confidence: {
          flaggedShare: r.flagged_share ?? 0,
          habitShare: r.habit_share ?? 0,
          recurringShare: r.recurring_share ?? 0,
        },
        openPayables: { count: r.open_payables_count ?? 0, cents: r.open_payables_cents ?? 0 },
        openReceivables: {
          count: r.open_receivables_count ?? 0,
          cents: r.open_receivables_cents ?? 0,
        },
        billsDueThisWeek: { count: r.due_week_count ?? 0, cents: r.due_week_cents ?? 0 },
        overdueReceivables: {
          count: r.overdue_receivables_count ?? 0,
          cents: r.overdue_receivables_cents ?? 0,
        },
        unconverted: r.unconverted_count ?? 0,
      };

const toRow = (r: Row): ClientSummaryRow => ({
  businessId: r.business_id,
  realmId: r.realm_id,
  displayName: r.display_name,
  connectionState: r.connection_state,
  homeCurrency: r.home_currency,
  tags: tagsOf(r.tags),
  summary:
    r.computed_at === null || r.computed_on === null
      ? null
      : {
          computedAt: r.computed_at,
          computedOn: r.computed_on,
          lastSuccessAt: r.last_success_at,
          lastErrorAt: r.last_error_at,
          lastErrorCode: r.last_error_code,
          lastError: r.last_error,
          figures: figuresOf(r),
          openItems: {
            high: r.items_high ?? 0,
            medium: r.items_medium ?? 0,
            low: r.items_low ?? 0,
          },
        },
});

const listSql = `SELECT c.business_id, c.realm_id, c.display_name, c.connection_state, c.home_currency, c.tags,
       s.computed_at, s.computed_on, s.last_success_at, s.last_error_at, s.last_error_code, s.last_error,
       s.cash_cents, s.runway_days, s.lowest_on, s.lowest_cents, s.first_below_zero,
       s.flagged_share, s.habit_share, s.recurring_share,
       s.open_payables_count, s.open_payables_cents, s.open_receivables_count, s.open_receivables_cents,
       s.due_week_count, s.due_week_cents, s.overdue_receivables_count, s.overdue_receivables_cents,
       s.unconverted_count, s.items_high, s.items_medium, s.items_low
     FROM clients c
     LEFT JOIN client_summaries s ON s.advisor_id = c.advisor_id AND s.business_id = c.business_id
     WHERE c.advisor_id = ?`;

/** Every client of the advisor with its summary, by name: the client list's one read. */
export function clientSummaryRows(db: Db, advisorId: string): ClientSummaryRow[] {
  return (
    stmt(db, `${listSql} ORDER BY c.display_name COLLATE NOCASE, c.business_id`).all(
      advisorId,
    ) as Row[]
  ).map(toRow);
}

/** One client with its summary (the client view's header), or undefined when there is no such client. */
export function clientSummaryRow(db: Db, s: Scope): ClientSummaryRow | undefined {
  const r = stmt(db, `${listSql} AND c.business_id = ?`).get(s.advisorId, s.businessId) as
    Row | undefined;
  return r && toRow(r);
}

/** The day each client's summary was computed for (null: none yet), and whether it was ever synced. */
export function summaryDays(
  db: Db,
  advisorId: string,
): { businessId: string; computedOn: string | null }[] {
  return stmt(
    db,
    `SELECT c.business_id AS businessId, s.computed_on AS computedOn FROM clients c
     LEFT JOIN client_summaries s ON s.advisor_id = c.advisor_id AND s.business_id = c.business_id
     WHERE c.advisor_id = ?`,
  ).all(advisorId) as { businessId: string; computedOn: string | null }[];
}

/** The client's last successful sync and its latest failure (sync_state, over every entity). */
export function syncAttempt(db: Db, s: Scope): SyncAttempt {
  const times = stmt(
    db,
    `SELECT MAX(last_success_at) AS lastSuccessAt, MAX(last_error_at) AS lastErrorAt
     FROM sync_state WHERE advisor_id = ? AND business_id = ?`,
  ).get(s.advisorId, s.businessId) as { lastSuccessAt: string | null; lastErrorAt: string | null };
  if (times.lastErrorAt === null) return { ...times, lastErrorCode: null, lastError: null };
  const error = stmt(
    db,
    `SELECT last_error_code AS code, last_error AS message FROM sync_state
     WHERE advisor_id = ? AND business_id = ? AND last_error_at = ? LIMIT 1`,
  ).get(s.advisorId, s.businessId, times.lastErrorAt) as
    { code: string | null; message: string | null } | undefined;
  return { ...times, lastErrorCode: error?.code ?? null, lastError: error?.message ?? null };
}

/**
 * Open tray items of one client by severity. Sync problems are the client's connection state (a banner),
 * not tray items: they are left out, as tray:list and the other counts leave them out.
 */
export function openItemsBySeverity(db: Db, s: Scope): Record<Severity, number> {
  const rows = stmt(
    db,
    `SELECT severity, COUNT(*) AS n FROM hygiene_items
     WHERE advisor_id = ? AND business_id = ? AND status = 'open'
       AND code NOT IN (SELECT value FROM json_each(?))
     GROUP BY severity`,
  ).all(s.advisorId, s.businessId, JSON.stringify(syncProblemCodes)) as {
    severity: Severity;
    n: number;
  }[];
  const out: Record<Severity, number> = { high: 0, medium: 0, low: 0 };
  for (const r of rows) out[r.severity] = r.n;
  return out;
}

/** The client's tags (the advisor's labels), or undefined when there is no such client. */
export function clientTags(db: Db, s: Scope): string[] | undefined {
  const r = stmt(db, 'SELECT tags FROM clients WHERE advisor_id = ? AND business_id = ?').get(
    s.advisorId,
    s.businessId,
  ) as { tags: string } | undefined;
  return r && tagsOf(r.tags);
}

export function setClientTags(db: Db, s: Scope, tags: readonly string[]): void {
  stmt(db, 'UPDATE clients SET tags = ? WHERE advisor_id = ? AND business_id = ?').run(
    JSON.stringify(tags),
    s.advisorId,
    s.businessId,
  );
}
