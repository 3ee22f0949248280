// Migration 6: what the runway needs to convert foreign-currency cash and spending instead of dropping it.
// - mirror_balances.current_balance_home_cents: Account `CurrentBalanceInHomeCurrency` (no source
//   confirms QBO sends it: docs/qbo-api.md §5.12; without it the account is left out and flagged), so a foreign-currency bank account adds its home-currency value;
// - mirror_purchases.exchange_rate: Purchase `ExchangeRate` (home-currency units per unit of CurrencyRef);
// - the burn's covering index gains `credit` and `exchange_rate` so the trailing-12-weeks sum stays index-only.
// Records synced before this migration get the columns on their next change (or a full resync).

export const migration006 = `
ALTER TABLE mirror_balances ADD COLUMN current_balance_home_cents INTEGER;
ALTER TABLE mirror_purchases ADD COLUMN exchange_rate REAL;

DROP INDEX IF EXISTS mirror_purchases_burn;
CREATE INDEX mirror_purchases_burn ON mirror_purchases (advisor_id, business_id, txn_date, total_cents, currency, credit, exchange_rate) WHERE deleted = 0;
`;
