// Who is syncing a client right now, across every process on the data folder (migration 010). The
// decision whether a holder may be taken over (dead process, expired) is the caller's: this file only
// reads and writes the row, each claim in one IMMEDIATE transaction so two processes never both win.
import type { Db } from '../open.ts';
import { stmt } from '../statements.ts';
import { writeTransaction } from '../transaction.ts';

export type Scope = { advisorId: string; businessId: string };

export type LeaseHolder = {
  owner: string;
  host: string;
  pid: number;
  acquiredAt: string;
  expiresAt: string;
  /** Set when the holder released it: when its run ended and whether it succeeded. */
  finishedAt: string | null;
  finishedOk: boolean | null;
  /** Wall-clock finishing times (epoch ms) of the holder's requests in its run's last minute. */
  recentRequests: number[];
};

export type LeaseClaim = {
  owner: string;
  host: string;
  pid: number;
  at: string;
  expiresAt: string;
};

type Row = {
  owner: string;
  host: string;
  pid: number;
  acquired_at: string;
  expires_at: string;
  finished_at: string | null;
  finished_ok: number | null;
  recent_requests: string | null;
};

/** A column another process wrote: anything but a list of numbers reads as none. */
function requestTimes(text: string | null): number[] {
  if (!text) return [];
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v)
      ? v.filter((t): t is number => typeof t === 'number' && Number.isFinite(t))
      : [];
  } catch {
    return [];
  }
}

const toHolder = (r: Row): LeaseHolder => ({
  owner: r.owner,
  host: r.host,
  pid: r.pid,
  acquiredAt: r.acquired_at,
  expiresAt: r.expires_at,
  finishedAt: r.finished_at,
  finishedOk: r.finished_ok === null ? null : r.finished_ok === 1,
  recentRequests: requestTimes(r.recent_requests),
});

export function readLease(db: Db, s: Scope): LeaseHolder | undefined {
  const r = stmt(
    db,
    'SELECT owner, host, pid, acquired_at, expires_at, finished_at, finished_ok, recent_requests FROM sync_leases WHERE advisor_id = ? AND business_id = ?',
  ).get(s.advisorId, s.businessId) as Row | undefined;
  return r && toHolder(r);
}

export type ClaimResult =
  { taken: true; previous: LeaseHolder | undefined } | { taken: false; holder: LeaseHolder };

/**
 * Takes the client's lease when nobody holds it, when we already do, or when `isFree(holder)` says the
 * holder is done or gone. Returns the row it replaced (a finished run's outcome) or who holds it.
 */
export function claimLease(
  db: Db,
  s: Scope,
  claim: LeaseClaim,
  isFree: (holder: LeaseHolder) => boolean,
): ClaimResult {
  return writeTransaction(db, (): ClaimResult => {
    const holder = readLease(db, s);
    if (holder && holder.owner !== claim.owner && !isFree(holder)) return { taken: false, holder };
    stmt(
      db,
      `INSERT INTO sync_leases (advisor_id, business_id, owner, host, pid, acquired_at, expires_at, finished_at, finished_ok) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL)
         ON CONFLICT (advisor_id, business_id) DO UPDATE SET owner = excluded.owner, host = excluded.host, pid = excluded.pid,
           acquired_at = excluded.acquired_at, expires_at = excluded.expires_at, finished_at = NULL, finished_ok = NULL, recent_requests = NULL`,
    ).run(s.advisorId, s.businessId, claim.owner, claim.host, claim.pid, claim.at, claim.expiresAt);
    return { taken: true, previous: holder };
  });
}

/** Pushes our lease's expiry forward; false when it is no longer ours (taken over after expiring). */
export function renewLease(db: Db, s: Scope, owner: string, expiresAt: string): boolean {
  return (
    stmt(
      db,
      'UPDATE sync_leases SET expires_at = ? WHERE advisor_id = ? AND business_id = ? AND owner = ?',
    ).run(expiresAt, s.advisorId, s.businessId, owner).changes === 1
  );
}

/** Ends our lease at `at` (it expires then), noting whether the run succeeded and its last requests. */
export function releaseLease(
  db: Db,
  s: Scope,
  owner: string,
  at: string,
  ok: boolean,
  recentRequests: readonly number[],
): void {
  stmt(
    db,
    'UPDATE sync_leases SET expires_at = ?, finished_at = ?, finished_ok = ?, recent_requests = ? WHERE advisor_id = ? AND business_id = ? AND owner = ?',
  ).run(at, at, ok ? 1 : 0, JSON.stringify(recentRequests), s.advisorId, s.businessId, owner);
}
