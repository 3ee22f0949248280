// Who is syncing a client right now, across every process on the data folder (migration 010). The
// decision whether a holder may be taken over (dead process, expired) is the caller's: this file only
// reads and writes the row, each change in one IMMEDIATE transaction so two processes never both win.
import type { Db } from '../open.ts';

export type Scope = { advisorId: string; businessId: string };

export type LeaseHolder = { owner: string; host: string; pid: number; acquiredAt: string; expiresAt: string };

export type LeaseClaim = { owner: string; host: string; pid: number; at: string; expiresAt: string };

type Row = { owner: string; host: string; pid: number; acquired_at: string; expires_at: string };

const toHolder = (r: Row): LeaseHolder => ({ owner: r.owner, host: r.host, pid: r.pid, acquiredAt: r.acquired_at, expiresAt: r.expires_at });

export function readLease(db: Db, s: Scope): LeaseHolder | undefined {
  const r = db.prepare('SELECT owner, host, pid, acquired_at, expires_at FROM sync_leases WHERE advisor_id = ? AND business_id = ?').get(s.advisorId, s.businessId) as Row | undefined;
  return r && toHolder(r);
}

/**
 * Takes the client's lease when nobody holds it, when we already do, or when `mayTakeOver(holder)` says
 * the holder is gone. Returns undefined when the lease is ours, else who holds it.
 */
export function claimLease(db: Db, s: Scope, claim: LeaseClaim, mayTakeOver: (holder: LeaseHolder) => boolean): LeaseHolder | undefined {
  return db
    .transaction(() => {
      const holder = readLease(db, s);
      if (holder && holder.owner !== claim.owner && !mayTakeOver(holder)) return holder;
      db.prepare(
        `INSERT INTO sync_leases (advisor_id, business_id, owner, host, pid, acquired_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (advisor_id, business_id) DO UPDATE SET owner = excluded.owner, host = excluded.host, pid = excluded.pid,
           acquired_at = excluded.acquired_at, expires_at = excluded.expires_at`,
      ).run(s.advisorId, s.businessId, claim.owner, claim.host, claim.pid, claim.at, claim.expiresAt);
      return undefined;
    })
    .immediate();
}

/** Pushes our lease's expiry forward; false when it is no longer ours (taken over after expiring). */
export function renewLease(db: Db, s: Scope, owner: string, expiresAt: string): boolean {
  return db.prepare('UPDATE sync_leases SET expires_at = ? WHERE advisor_id = ? AND business_id = ? AND owner = ?').run(expiresAt, s.advisorId, s.businessId, owner).changes === 1;
}

export function releaseLease(db: Db, s: Scope, owner: string): void {
  db.prepare('DELETE FROM sync_leases WHERE advisor_id = ? AND business_id = ? AND owner = ?').run(s.advisorId, s.businessId, owner);
}
