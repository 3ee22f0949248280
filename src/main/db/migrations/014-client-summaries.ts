// Migration 14: what the client list shows, per client, kept by the writers (issue 13 §4, issue 14 §2).
// Every writer that changes a client's numbers (the end of its sync, a decision, a tray choice, a
// recurring choice, the day rolling over) computes them again in its own transaction
// (services/client-summary.ts), so the list is one indexed read, however many clients there are.
//
// The figures (cash … due this week) are NULL while the client has no successful sync: "not synced yet",
// never zeros. Tray counts and the last sync attempt are kept whatever the sync did (a first sync that
// failed still has its SYNC_FAILED item and its error). `computed_on` is the local day the forecast was
// projected from: a reader on a later day sees the figures of that day, and says so.
//
// Tags: the advisor's own labels for a client ("payroll", "Q4 review"), a JSON array of strings, read
// and written whole with the client row (a few per client; the list filters them in memory).

export const migration014 = `
CREATE TABLE client_summaries (
  advisor_id TEXT NOT NULL,
  business_id TEXT NOT NULL REFERENCES clients(business_id) ON DELETE CASCADE,
  computed_at TEXT NOT NULL,
  computed_on TEXT NOT NULL,
  last_success_at TEXT,
  last_error_at TEXT,
  last_error_code TEXT,
  last_error TEXT,
  cash_cents INTEGER,
  runway_days INTEGER,
  lowest_on TEXT,
  lowest_cents INTEGER,
  first_below_zero TEXT,
  flagged_share REAL,
  habit_share REAL,
  recurring_share REAL,
  open_payables_count INTEGER,
  open_payables_cents INTEGER,
  open_receivables_count INTEGER,
  open_receivables_cents INTEGER,
  due_week_count INTEGER,
  due_week_cents INTEGER,
  overdue_receivables_count INTEGER,
  overdue_receivables_cents INTEGER,
  unconverted_count INTEGER,
  items_high INTEGER NOT NULL DEFAULT 0,
  items_medium INTEGER NOT NULL DEFAULT 0,
  items_low INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (advisor_id, business_id)
) WITHOUT ROWID;

ALTER TABLE clients ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
`;
