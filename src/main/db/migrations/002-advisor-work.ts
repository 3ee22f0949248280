// Migration 2: what the advisor's screens (tray, console, collections, digest) query.
// Extracted mirror columns are filled by the pure mapper (src/core/mirror/columns.ts), so the sync fills
// them for free; partial indexes keep each tray rule an indexed lookup of one client's few suspects.

export const migration002 = `
ALTER TABLE mirror_bills ADD COLUMN exchange_rate REAL;
ALTER TABLE mirror_bills ADD COLUMN uncategorized_account TEXT;
ALTER TABLE mirror_bills ADD COLUMN paid_by_bill_payment_id TEXT;
ALTER TABLE mirror_bills ADD COLUMN voided INTEGER;
ALTER TABLE mirror_invoices ADD COLUMN voided INTEGER;
ALTER TABLE mirror_invoices ADD COLUMN exchange_rate REAL;
ALTER TABLE mirror_invoices ADD COLUMN uncategorized_account TEXT;
ALTER TABLE mirror_purchases ADD COLUMN uncategorized_account TEXT;
ALTER TABLE mirror_payments ADD COLUMN deposited INTEGER;

CREATE INDEX mirror_bills_uncategorized ON mirror_bills (advisor_id, business_id) WHERE deleted = 0 AND uncategorized_account IS NOT NULL;
CREATE INDEX mirror_invoices_uncategorized ON mirror_invoices (advisor_id, business_id) WHERE deleted = 0 AND uncategorized_account IS NOT NULL;
CREATE INDEX mirror_purchases_uncategorized ON mirror_purchases (advisor_id, business_id) WHERE deleted = 0 AND uncategorized_account IS NOT NULL;
CREATE INDEX mirror_purchases_no_payee ON mirror_purchases (advisor_id, business_id) WHERE deleted = 0 AND payee_id IS NULL;
CREATE INDEX mirror_purchases_by_amount ON mirror_purchases (advisor_id, business_id, total_cents, txn_date);
CREATE INDEX mirror_bill_payments_by_account ON mirror_bill_payments (advisor_id, business_id, bank_account_id, txn_date);
CREATE INDEX mirror_payments_by_deposit_account ON mirror_payments (advisor_id, business_id, deposit_account_id, txn_date);
CREATE INDEX mirror_payments_unapplied ON mirror_payments (advisor_id, business_id, txn_date) WHERE deleted = 0 AND unapplied_cents > 0;
-- Incomplete or zero records (completeness checks): few, so a partial index finds them without a scan.
CREATE INDEX mirror_bills_incomplete ON mirror_bills (advisor_id, business_id)
  WHERE deleted = 0 AND (vendor_id IS NULL OR total_cents IS NULL OR total_cents <= 0 OR due_date IS NULL);
CREATE INDEX mirror_invoices_incomplete ON mirror_invoices (advisor_id, business_id)
  WHERE deleted = 0 AND (customer_id IS NULL OR total_cents IS NULL OR total_cents <= 0 OR due_date IS NULL);
-- Covering indexes for the numbers every screen needs across all clients (client list < 200 ms for 200
-- clients): open bills and invoices with what the runway reads, and the trailing purchases for the burn.
CREATE INDEX mirror_bills_open_runway ON mirror_bills (advisor_id, business_id, qbo_id, due_date, balance_cents, currency, exchange_rate, vendor_id, vendor_name, doc_number, txn_date)
  WHERE deleted = 0 AND balance_cents <> 0;
CREATE INDEX mirror_invoices_open_runway ON mirror_invoices (advisor_id, business_id, qbo_id, due_date, balance_cents, currency, exchange_rate, customer_id, customer_name, doc_number, txn_date)
  WHERE deleted = 0 AND balance_cents <> 0;
CREATE INDEX mirror_purchases_burn ON mirror_purchases (advisor_id, business_id, txn_date, total_cents, currency) WHERE deleted = 0;
CREATE INDEX collection_calls_by_follow_up ON collection_calls (advisor_id, follow_up_on);

-- When each client's tray was last computed, and from what: the tray is recomputed only for clients whose
-- mirror (sync_state mark), plan (decisions, calls) or calendar day changed.
CREATE TABLE tray_state (
  advisor_id TEXT NOT NULL,
  business_id TEXT NOT NULL REFERENCES clients(business_id) ON DELETE CASCADE,
  computed_at TEXT NOT NULL,
  computed_on TEXT NOT NULL,
  mark TEXT NOT NULL,
  PRIMARY KEY (advisor_id, business_id)
);
`;
