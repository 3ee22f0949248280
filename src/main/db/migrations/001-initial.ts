// Migration 1: the first schema. Append-only: once released, never edit a migration; add the next one.
// Money is stored as integer cents (QBO sends two-decimal amounts) so sums are exact in SQL.
// Mirror tables keep the raw QBO JSON in `data` and its SyncToken in `version`, next to the columns
// the screens filter and sort on. Keyed by (advisor_id, business_id, qbo_id) as the product brief says.

const mirrorKey = `
  advisor_id TEXT NOT NULL,
  business_id TEXT NOT NULL REFERENCES clients(business_id) ON DELETE CASCADE,
  qbo_id TEXT NOT NULL,
  version TEXT NOT NULL,
  data TEXT NOT NULL,
  last_updated TEXT,
  synced_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  problems TEXT`;

export const migration001 = `
CREATE TABLE clients (
  business_id TEXT PRIMARY KEY,
  advisor_id TEXT NOT NULL,
  realm_id TEXT NOT NULL,
  environment TEXT NOT NULL CHECK (environment IN ('production', 'sandbox', 'custom')),
  api_base_url TEXT,
  display_name TEXT NOT NULL,
  home_currency TEXT NOT NULL DEFAULT 'USD',
  connection_state TEXT NOT NULL DEFAULT 'connected'
    CHECK (connection_state IN ('connected', 'reconnect_needed', 'disconnected')),
  connected_at TEXT NOT NULL,
  UNIQUE (advisor_id, realm_id, environment)
);

-- QBO tokens per client, sealed (AES-256-GCM with a key outside the database, or Electron safeStorage):
-- never plain text. See src/main/oauth/token-vault.ts.
CREATE TABLE client_tokens (
  advisor_id TEXT NOT NULL,
  business_id TEXT NOT NULL REFERENCES clients(business_id) ON DELETE CASCADE,
  sealed TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (advisor_id, business_id)
);

CREATE TABLE integration_log (
  id INTEGER PRIMARY KEY,
  advisor_id TEXT NOT NULL,
  business_id TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('INBOUND', 'OUTBOUND')),
  entity TEXT NOT NULL,
  operation TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('ok', 'error')),
  error TEXT,
  intuit_tid TEXT,
  record_count INTEGER NOT NULL DEFAULT 0,
  source_version TEXT,
  data TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX integration_log_by_client ON integration_log (advisor_id, business_id, entity, created_at);

CREATE TABLE mirror_bills (${mirrorKey},
  vendor_id TEXT,
  vendor_name TEXT,
  doc_number TEXT,
  txn_date TEXT,
  due_date TEXT,
  total_cents INTEGER,
  balance_cents INTEGER,
  currency TEXT,
  PRIMARY KEY (advisor_id, business_id, qbo_id)
);
CREATE INDEX mirror_bills_open_by_due ON mirror_bills (advisor_id, business_id, due_date)
  WHERE deleted = 0 AND balance_cents <> 0;
CREATE INDEX mirror_bills_by_vendor ON mirror_bills (advisor_id, business_id, vendor_id, total_cents);
CREATE INDEX mirror_bills_by_txn_date ON mirror_bills (advisor_id, business_id, txn_date);

CREATE TABLE mirror_invoices (${mirrorKey},
  customer_id TEXT,
  customer_name TEXT,
  doc_number TEXT,
  txn_date TEXT,
  due_date TEXT,
  total_cents INTEGER,
  balance_cents INTEGER,
  currency TEXT,
  email_status TEXT,
  PRIMARY KEY (advisor_id, business_id, qbo_id)
);
CREATE INDEX mirror_invoices_open_by_due ON mirror_invoices (advisor_id, business_id, due_date)
  WHERE deleted = 0 AND balance_cents <> 0;
CREATE INDEX mirror_invoices_by_customer ON mirror_invoices (advisor_id, business_id, customer_id);
CREATE INDEX mirror_invoices_by_txn_date ON mirror_invoices (advisor_id, business_id, txn_date);

-- Every Account of the company; the screens use the Bank ones for cash.
CREATE TABLE mirror_balances (${mirrorKey},
  name TEXT,
  account_type TEXT,
  account_sub_type TEXT,
  active INTEGER,
  current_balance_cents INTEGER,
  currency TEXT,
  PRIMARY KEY (advisor_id, business_id, qbo_id)
);
CREATE INDEX mirror_balances_by_type ON mirror_balances (advisor_id, business_id, account_type);

CREATE TABLE mirror_vendors (${mirrorKey},
  display_name TEXT,
  active INTEGER,
  balance_cents INTEGER,
  currency TEXT,
  PRIMARY KEY (advisor_id, business_id, qbo_id)
);

CREATE TABLE mirror_customers (${mirrorKey},
  display_name TEXT,
  active INTEGER,
  balance_cents INTEGER,
  currency TEXT,
  PRIMARY KEY (advisor_id, business_id, qbo_id)
);

CREATE TABLE mirror_bill_payments (${mirrorKey},
  vendor_id TEXT,
  pay_type TEXT,
  bank_account_id TEXT,
  txn_date TEXT,
  total_cents INTEGER,
  currency TEXT,
  PRIMARY KEY (advisor_id, business_id, qbo_id)
);
CREATE INDEX mirror_bill_payments_by_date ON mirror_bill_payments (advisor_id, business_id, txn_date);

CREATE TABLE mirror_payments (${mirrorKey},
  customer_id TEXT,
  deposit_account_id TEXT,
  txn_date TEXT,
  total_cents INTEGER,
  unapplied_cents INTEGER,
  currency TEXT,
  PRIMARY KEY (advisor_id, business_id, qbo_id)
);
CREATE INDEX mirror_payments_by_date ON mirror_payments (advisor_id, business_id, txn_date);

CREATE TABLE mirror_purchases (${mirrorKey},
  account_id TEXT,
  payee_id TEXT,
  payee_type TEXT,
  payment_type TEXT,
  txn_date TEXT,
  total_cents INTEGER,
  currency TEXT,
  PRIMARY KEY (advisor_id, business_id, qbo_id)
);
CREATE INDEX mirror_purchases_by_date ON mirror_purchases (advisor_id, business_id, txn_date);
CREATE INDEX mirror_purchases_by_account ON mirror_purchases (advisor_id, business_id, account_id, txn_date);

CREATE TABLE mirror_company_info (${mirrorKey},
  company_name TEXT,
  country TEXT,
  PRIMARY KEY (advisor_id, business_id, qbo_id)
);

-- Freshness policy per QBO entity: a CACHED_OK read younger than ttl_seconds makes no request.
CREATE TABLE entity_policy (
  entity TEXT PRIMARY KEY,
  ttl_seconds INTEGER NOT NULL CHECK (ttl_seconds >= 0)
);
INSERT INTO entity_policy (entity, ttl_seconds) VALUES
  ('Account', 900),
  ('Bill', 900),
  ('Invoice', 900),
  ('Payment', 900),
  ('BillPayment', 1800),
  ('Purchase', 1800),
  ('Vendor', 86400),
  ('Customer', 86400),
  ('CompanyInfo', 86400);

CREATE TABLE sync_state (
  advisor_id TEXT NOT NULL,
  business_id TEXT NOT NULL REFERENCES clients(business_id) ON DELETE CASCADE,
  entity TEXT NOT NULL,
  cursor TEXT,
  full_load_position INTEGER,
  last_success_at TEXT,
  last_error TEXT,
  last_error_code TEXT,
  last_error_at TEXT,
  PRIMARY KEY (advisor_id, business_id, entity)
);

CREATE TABLE hygiene_items (
  id INTEGER PRIMARY KEY,
  advisor_id TEXT NOT NULL,
  business_id TEXT NOT NULL REFERENCES clients(business_id) ON DELETE CASCADE,
  code TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('high', 'medium', 'low')),
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'approved', 'excluded', 'resolved')),
  entity TEXT,
  record_key TEXT NOT NULL,
  qbo_ids TEXT NOT NULL DEFAULT '[]',
  title TEXT NOT NULL,
  detail TEXT,
  amount_cents INTEGER,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  resolved_at TEXT,
  decided_by TEXT,
  decided_at TEXT,
  note TEXT,
  UNIQUE (advisor_id, business_id, code, record_key)
);
CREATE INDEX hygiene_items_open ON hygiene_items (advisor_id, business_id, status, severity);

-- The advisor's plan for a bill. QBO never moves money: this is a local decision, compared later with
-- what QBO shows (the bill paid, and when).
CREATE TABLE decisions (
  id INTEGER PRIMARY KEY,
  advisor_id TEXT NOT NULL,
  business_id TEXT NOT NULL REFERENCES clients(business_id) ON DELETE CASCADE,
  bill_qbo_id TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('pay_now', 'delay', 'hold')),
  planned_date TEXT,
  note TEXT,
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  superseded_at TEXT,
  outcome TEXT,
  outcome_date TEXT
);
CREATE INDEX decisions_current ON decisions (advisor_id, business_id, bill_qbo_id) WHERE superseded_at IS NULL;

CREATE TABLE collection_calls (
  id INTEGER PRIMARY KEY,
  advisor_id TEXT NOT NULL,
  business_id TEXT NOT NULL REFERENCES clients(business_id) ON DELETE CASCADE,
  invoice_qbo_id TEXT NOT NULL,
  outcome TEXT NOT NULL,
  promised_date TEXT,
  follow_up_on TEXT,
  note TEXT,
  called_by TEXT NOT NULL,
  called_at TEXT NOT NULL
);
CREATE INDEX collection_calls_by_invoice ON collection_calls (advisor_id, business_id, invoice_qbo_id, called_at);

-- Writes to QBO are recorded here first and sent when online, with a requestid for idempotency.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  advisor_id TEXT NOT NULL,
  business_id TEXT NOT NULL REFERENCES clients(business_id) ON DELETE CASCADE,
  entity TEXT NOT NULL,
  operation TEXT NOT NULL,
  payload TEXT NOT NULL,
  request_id TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'conflict')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT
);

-- What each digest said, so the next one can show how runway changed.
CREATE TABLE digests (
  id INTEGER PRIMARY KEY,
  advisor_id TEXT NOT NULL,
  business_id TEXT NOT NULL REFERENCES clients(business_id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  cash_cents INTEGER NOT NULL,
  runway_weeks REAL,
  data TEXT NOT NULL
);
CREATE INDEX digests_by_client ON digests (advisor_id, business_id, created_at);
`;
