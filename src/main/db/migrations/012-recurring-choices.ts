// Migration 12: the advisor's choices about recurring money the forecast found (issue 12): confirm it,
// change its amount, or ignore it. Kept by the item's stable key (direction and counterparty), so the
// choice applies again whenever the series is detected, and survives a full reload of the mirror.

export const migration012 = `
CREATE TABLE recurring_choices (
  advisor_id TEXT NOT NULL,
  business_id TEXT NOT NULL REFERENCES clients(business_id) ON DELETE CASCADE,
  item_key TEXT NOT NULL,
  choice TEXT NOT NULL CHECK (choice IN ('confirm', 'ignore', 'amount')),
  amount_cents INTEGER,
  chosen_at TEXT NOT NULL,
  PRIMARY KEY (advisor_id, business_id, item_key)
) WITHOUT ROWID;
`;
