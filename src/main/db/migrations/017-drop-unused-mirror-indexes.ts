// Migration 17: drops the six mirror indexes no statement reads (issue 14 §1: keep only the indexes
// queries use; every one costs each sync's upserts, up to a sixth of a bill's write). Checked by
// EXPLAIN QUERY PLAN of every repository statement that reads the mirror (sync, tray, forecast, digest,
// collections, client list; for one client and for all) on a database of this schema:
// - mirror_bills_open_by_due, *_with_items: open bills are read through mirror_bills_open_runway (it
//   holds due_date too); item lines are found from the items side (mirror_items_uncategorized).
// - mirror_bill_payments_by_date, mirror_purchases_by_date: every read by date also names the bank
//   account (…_by_account) or is of live rows (mirror_purchases_burn).
// mirror_invoices_open_by_due stays: one client's collections range over its due dates with it.
export const migration017 = `
DROP INDEX IF EXISTS mirror_bills_open_by_due;
DROP INDEX IF EXISTS mirror_bills_with_items;
DROP INDEX IF EXISTS mirror_invoices_with_items;
DROP INDEX IF EXISTS mirror_purchases_with_items;
DROP INDEX IF EXISTS mirror_bill_payments_by_date;
DROP INDEX IF EXISTS mirror_purchases_by_date;
`;
