// Migration 4:
// - drops two indexes no query uses (bills and invoices by txn_date): each one slowed every mirror upsert;
// - keeps, per client, the token and revoke endpoints it was connected through, so a refresh token is only
//   ever sent to the server that issued it (never to whatever the environment says today);
// - marks Purchase credits (refunds, `Credit: true`), which lower spending instead of adding to it.

export const migration004 = `
DROP INDEX IF EXISTS mirror_bills_by_txn_date;
DROP INDEX IF EXISTS mirror_invoices_by_txn_date;

ALTER TABLE clients ADD COLUMN token_url TEXT;
ALTER TABLE clients ADD COLUMN revoke_url TEXT;

ALTER TABLE mirror_purchases ADD COLUMN credit INTEGER;
`;
