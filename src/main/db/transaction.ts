// Transactions for callers outside the database layer. A service or the sync engine may need several
// repository calls to happen together (a decision and the tray it changes; a failure's log row, sync state
// and tray item), but holds no SQL: it asks here. Nested calls become savepoints (better-sqlite3), so a
// repository's own transaction inside one of these is fine.
import type { Db } from './open.ts';

/**
 * Runs `fn` in a transaction that writes: BEGIN IMMEDIATE takes the write lock first, so another process
 * writing meanwhile makes it wait (busy_timeout) instead of failing with SQLITE_BUSY when a deferred
 * transaction that has read tries to start writing (https://www.sqlite.org/lang_transaction.html).
 */
export const writeTransaction = <T>(db: Db, fn: () => T): T => db.transaction(fn).immediate();

/** Runs `fn` in a deferred transaction: its reads see one snapshot of the database, and it may write. */
export const inTransaction = <T>(db: Db, fn: () => T): T => db.transaction(fn)();
