// One sync of a client at a time across processes: the window and the CLI, or two CLIs, on one data
// folder would otherwise fetch the same pages twice against QBO's per-company limit and log them twice.
// A process holds a client's lease (sync_leases, migration 010) while it syncs it and renews it while it
// works; another process asked to sync that client waits for the lease. A holder that died is noticed at
// once on this host (its pid is gone: a SIGKILLed CLI) and anywhere once its lease expires.
// Lease times use the wall clock, never the injectable clock (ROWCOL_NOW may stand still).
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../db/open.ts';
import {
  claimLease,
  releaseLease,
  renewLease,
  type LeaseHolder,
  type Scope,
} from '../db/repositories/sync-leases.ts';

/** A lease lives this long unless renewed; renewed three times as often. */
const leaseMs = 60_000;
/** How often a waiting process looks again (a poll, not a deadline). */
const lookAgainMs = 250;

export type HeldLease = {
  /** The holder we waited for, when the lease was held by another process at first. */
  waitedFor: LeaseHolder | undefined;
  /** Whether another process synced the client successfully while this one waited. */
  syncedMeanwhile: boolean;
  /** Requests the previous holder (perhaps another process, a moment ago) finished in its last minute. */
  earlierRequests: number[];
  /** Ends the lease, saying whether the run succeeded and when its requests finished (wall-clock ms). */
  release(ok: boolean, recentRequests?: readonly number[]): void;
};

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class SyncLeases {
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly host = hostname();

  constructor(
    private readonly db: Db,
    private readonly advisorId: string,
  ) {}

  /** A lease that was released or expired, or whose holder died on this host, may be taken. */
  private free = (holder: LeaseHolder): boolean =>
    Date.parse(holder.expiresAt) <= Date.now() ||
    (holder.host === this.host && holder.pid !== process.pid && !processAlive(holder.pid));

  /**
   * Waits until this process holds the client's lease (or `signal` aborts, which throws its reason).
   * `onWait` is told once who holds it, so the caller can say plainly that another RowCol is syncing.
   */
  async hold(
    businessId: string,
    signal?: AbortSignal,
    onWait?: (holder: LeaseHolder) => void,
  ): Promise<HeldLease> {
    const scope: Scope = { advisorId: this.advisorId, businessId };
    const askedAt = new Date().toISOString();
    let waitedFor: LeaseHolder | undefined;
    let previous: LeaseHolder | undefined;
    for (;;) {
      signal?.throwIfAborted();
      const now = Date.now();
      const claim = claimLease(
        this.db,
        scope,
        {
          owner: this.owner,
          host: this.host,
          pid: process.pid,
          at: new Date(now).toISOString(),
          expiresAt: new Date(now + leaseMs).toISOString(),
        },
        this.free,
      );
      if (claim.taken) {
        previous = claim.previous;
        break;
      }
      if (!waitedFor) onWait?.(claim.holder);
      waitedFor ??= claim.holder;
      await sleep(lookAgainMs, undefined, { signal }).catch(() => undefined);
    }
    // The run we waited for ended after we asked, and well: its pages are already in the mirror.
    const syncedMeanwhile =
      waitedFor !== undefined &&
      previous?.finishedOk === true &&
      previous.finishedAt !== null &&
      previous.finishedAt >= askedAt;
    const renew = setInterval(() => {
      try {
        renewLease(this.db, scope, this.owner, new Date(Date.now() + leaseMs).toISOString());
      } catch {
        // A busy database this once: the next renewal comes well before the lease expires.
      }
    }, leaseMs / 3);
    renew.unref();
    let released = false;
    return {
      waitedFor,
      syncedMeanwhile,
      earlierRequests: previous?.recentRequests ?? [],
      release: (ok, recentRequests = []) => {
        if (released) return;
        released = true;
        clearInterval(renew);
        releaseLease(this.db, scope, this.owner, new Date().toISOString(), ok, recentRequests);
      },
    };
  }
}
