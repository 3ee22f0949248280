// Migration 8: drops the two mirror indexes whose keys arrive in random order.
// - mirror_bills_by_vendor (vendor, total): a first load writes bills in Id order, so each page of 1000
//   lands on pages all over this index and every commit rewrote most of it into the WAL; it halved the
//   bill upsert rate (`npm run bench sync`). The duplicate-bill rule, its only reader, now groups one
//   client's bills in a single pass over the key's client prefix (db/repositories/tray-suspects.ts).
// - mirror_invoices_by_customer: no query reads it; it only slowed every invoice upsert.

export const migration008 = `
DROP INDEX IF EXISTS mirror_bills_by_vendor;
DROP INDEX IF EXISTS mirror_invoices_by_customer;
`;
