// Migration 11: the outbox of hygiene fixes written back to QuickBooks (issue 11). The first outbox table
// (migration 001) never had a writer, so it is replaced. A fix keeps the SyncToken the advisor saw
// (`base_version`), the fields it changes (`changes`, QBO's own JSON as a sparse update sends it) and what
// QBO had in them (`before`), and one `request_id` for every attempt, so QBO applies it once however often
// an answer is lost. States: pending → sending → applied | failed | conflict (→ pending again, "apply
// mine", or discarded, "keep QBO's"). `theirs` holds QBO's newer values while in conflict.

export const migration011 = `
DROP TABLE outbox;
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  advisor_id TEXT NOT NULL,
  business_id TEXT NOT NULL REFERENCES clients(business_id) ON DELETE CASCADE,
  entity TEXT NOT NULL,
  qbo_id TEXT NOT NULL,
  operation TEXT NOT NULL CHECK (operation IN ('update', 'send', 'delete')),
  summary TEXT NOT NULL,
  changes TEXT NOT NULL,
  before TEXT NOT NULL,
  base_version TEXT NOT NULL,
  request_id TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'applied', 'failed', 'conflict', 'discarded')),
  reason TEXT,
  theirs TEXT,
  theirs_version TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  applied_version TEXT
);
CREATE INDEX outbox_by_client_state ON outbox (advisor_id, business_id, state, id);
`;
