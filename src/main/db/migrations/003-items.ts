// Migration 3: products and services (QBO Item). An item line on a bill, invoice or purchase posts to
// the item's income or expense account, so "posted to Uncategorized Income" can hide behind an item
// (QBO's default items often point there). The mirror keeps the items and, on each record, the ids of
// the items its lines use.

export const migration003 = `
CREATE TABLE mirror_items (
  advisor_id TEXT NOT NULL,
  business_id TEXT NOT NULL REFERENCES clients(business_id) ON DELETE CASCADE,
  qbo_id TEXT NOT NULL,
  version TEXT NOT NULL,
  data TEXT NOT NULL,
  last_updated TEXT,
  synced_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  problems TEXT,
  name TEXT,
  item_type TEXT,
  active INTEGER,
  uncategorized_account TEXT,
  PRIMARY KEY (advisor_id, business_id, qbo_id)
);
CREATE INDEX mirror_items_uncategorized ON mirror_items (advisor_id, business_id) WHERE deleted = 0 AND uncategorized_account IS NOT NULL;

ALTER TABLE mirror_bills ADD COLUMN item_ids TEXT;
ALTER TABLE mirror_invoices ADD COLUMN item_ids TEXT;
ALTER TABLE mirror_purchases ADD COLUMN item_ids TEXT;
CREATE INDEX mirror_bills_with_items ON mirror_bills (advisor_id, business_id) WHERE deleted = 0 AND item_ids IS NOT NULL;
CREATE INDEX mirror_invoices_with_items ON mirror_invoices (advisor_id, business_id) WHERE deleted = 0 AND item_ids IS NOT NULL;
CREATE INDEX mirror_purchases_with_items ON mirror_purchases (advisor_id, business_id) WHERE deleted = 0 AND item_ids IS NOT NULL;

INSERT INTO entity_policy (entity, ttl_seconds) VALUES ('Item', 86400);
`;
