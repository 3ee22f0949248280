// One firm sync at a time per data folder (the window and a CLI, two CLIs): a sync claims the folder's
// firm_link row for a few minutes and renews the claim at every batch. A claim whose holder died (its pid
// is gone on this host: a SIGKILLed CLI) is taken over at once; one from another host once it expires.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { CodedError } from '../../core/result.ts';
import type { Db } from '../db/open.ts';
import { claimFirmSync, firmSyncHolder, releaseFirmSync } from '../db/repositories/firm.ts';
import { writeTransaction } from '../db/transaction.ts';

const claimMs = 3 * 60_000;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export type FirmSyncClaim = { renew(): void; release(): void };

export function claimFolderSync(db: Db): FirmSyncClaim {
  // host:pid:nonce: two syncs in one process (the window's background and its Sync now) exclude each other too.
  const me = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  // Lease times use the wall clock, never the injectable clock (as sync/lease.ts).
  const until = () => new Date(Date.now() + claimMs).toISOString();
  const take = () =>
    writeTransaction(db, () => {
      const now = new Date().toISOString();
      const held = firmSyncHolder(db);
      const [, host, pid] = held ? (/^(.*):(\d+):[0-9a-f]+$/.exec(held.owner) ?? []) : [];
      const dead = held !== undefined && host === hostname() && !alive(Number(pid));
      return claimFirmSync(db, me, until(), now, dead);
    });
  if (!take()) {
    const held = firmSyncHolder(db);
    throw new CodedError(
      'CONFLICT',
      `Another RowCol (${held?.owner ?? 'another process'}) is syncing this data folder with the firm hub; try again when it is done.`,
    );
  }
  return {
    renew: () => void take(),
    release: () => releaseFirmSync(db, me),
  };
}
