// The one rule for writing anything a desktop pulls by change_seq (mirror rows here, the firm's work
// items): sequence values are handed out in order but become visible in commit order. A reader that saw
// seq 11 committed while seq 10 was still in flight would move its cursor past 10 and never see it.
// So every writer takes this transaction-scoped advisory lock before its first nextval('change_seq') and
// holds it until commit: transactions that take seqs commit one after another, in seq order, and
// "every row with change_seq <= the highest a reader saw is already visible" holds.
// Take it as late as possible in the transaction (after the reads and the QBO call), so it is held briefly.
import type { HubSql } from '../hub-db.ts';

/** pg_advisory_xact_lock key of change_seq ("rowcolcs"). */
const changeSeqLock = 0x726f77636f6c6373n;

export async function lockChangeSeq(q: HubSql): Promise<void> {
  await q.query('SELECT pg_advisory_xact_lock($1)', [changeSeqLock.toString()]);
}
