// The hub's outbox: fixes to send to QBO exactly once. A row is leased (state 'sending', committed before
// its request leaves) by one worker of the fleet with SKIP LOCKED; a worker that dies leaves it 'sending'
// under an expiring lease, and the next worker sends it again with the same requestid (the row's id), so
// QBO answers with the first result instead of applying it twice. Every state change takes a change_seq,
// so desktops pulling by change_seq see their fix's outcome.
import type { HubSql } from '../hub-db.ts';
import { lockChangeSeq } from './change-seq.ts';

export type OutboxKind = 'update' | 'delete' | 'send';
export type OutboxState = 'pending' | 'sending' | 'applied' | 'conflict' | 'failed';

/**
 * `body`: `changes` (the fields to set: a sparse update; for 'send', `sendTo`), `before` (those fields'
 * values as the advisor saw them: a stale SyncToken is a conflict only if QBO changed these), and
 * `syncToken` (the version the advisor saw; default: the mirror's).
 */
export type OutboxBody = {
  changes: Record<string, unknown>;
  before?: Record<string, unknown>;
  syncToken?: string;
};

export type OutboxRow = {
  id: string;
  companyId: string;
  kind: OutboxKind;
  entity: string;
  qboId: string;
  body: OutboxBody;
  state: OutboxState;
  result: Record<string, unknown> | null;
  attempts: number;
  createdBy: string | null;
};

const columns = `id, company_id AS "companyId", kind, entity, qbo_id AS "qboId", body, state, result,
  attempts, created_by AS "createdBy"`;

/** Adds a fix; a repeated id (the same push again) changes nothing. True when it was new. */
export async function addToOutbox(
  q: HubSql,
  f: {
    id: string;
    companyId: string;
    kind: OutboxKind;
    entity: string;
    qboId: string;
    body: OutboxBody;
    createdBy?: string;
  },
): Promise<boolean> {
  await lockChangeSeq(q);
  const rows = await q.query(
    `INSERT INTO outbox (id, company_id, kind, entity, qbo_id, body, created_by, change_seq)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, nextval('change_seq'))
     ON CONFLICT (id) DO NOTHING RETURNING 1`,
    [f.id, f.companyId, f.kind, f.entity, f.qboId, JSON.stringify(f.body), f.createdBy ?? null],
  );
  return rows.length > 0;
}

/**
 * Leases the oldest fix to send: pending, or 'sending' under an expired lease (its worker died or gave
 * up for now). Committed at once: from here on a crash leaves it 'sending'. The version it goes with is
 * fixed at its first lease (kept in `result.version`), so a resend is the very same request.
 */
export async function leaseNextFix(
  q: HubSql,
  owner: string,
  leaseSeconds: number,
): Promise<OutboxRow | null> {
  const rows = await q.query<OutboxRow>(
    `UPDATE outbox SET state = 'sending', lease_owner = $1, attempts = attempts + 1,
       lease_expires_at = now() + make_interval(secs => $2)
     WHERE id = (
       SELECT o.id FROM outbox o
       WHERE o.state = 'pending' OR (o.state = 'sending' AND o.lease_expires_at < now())
       ORDER BY o.created_at, o.id LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING ${columns}`,
    [owner, leaseSeconds],
  );
  return rows[0] ?? null;
}

/** Remembers the version a fix goes with, before its first request leaves. */
export async function fixVersion(q: HubSql, id: string, version: string): Promise<void> {
  await q.query(
    `UPDATE outbox SET result = coalesce(result, '{}'::jsonb) || jsonb_build_object('version', $2::text)
     WHERE id = $1`,
    [id, version],
  );
}

/** The final state, if this worker still holds the lease; false when it does not (another took over). */
export async function settleFix(
  q: HubSql,
  id: string,
  owner: string,
  state: 'applied' | 'conflict' | 'failed',
  result: Record<string, unknown>,
): Promise<boolean> {
  const held = await q.query(
    `SELECT 1 FROM outbox WHERE id = $1 AND lease_owner = $2 AND state = 'sending' FOR UPDATE`,
    [id, owner],
  );
  if (held.length === 0) return false;
  await lockChangeSeq(q);
  await q.query(
    `UPDATE outbox SET state = $2, result = coalesce(result, '{}'::jsonb) || $3::jsonb,
       sent_at = now(), lease_expires_at = NULL, change_seq = nextval('change_seq')
     WHERE id = $1`,
    [id, state, JSON.stringify(result)],
  );
  return true;
}

/** Gives the lease back for now (QBO unreachable): the next pass sends it again, same requestid. */
export async function releaseFix(
  q: HubSql,
  id: string,
  owner: string,
  reason: string,
): Promise<void> {
  await q.query(
    `UPDATE outbox SET lease_expires_at = now(),
       result = coalesce(result, '{}'::jsonb) || jsonb_build_object('lastError', $3::text)
     WHERE id = $1 AND lease_owner = $2 AND state = 'sending'`,
    [id, owner, reason],
  );
}

export async function getFix(q: HubSql, id: string): Promise<OutboxRow | undefined> {
  return (await q.query<OutboxRow>(`SELECT ${columns} FROM outbox WHERE id = $1`, [id]))[0];
}

/** Fixes being sent right now under another live lease (a worker that may yet die: then they come back). */
export async function fixesInFlight(q: HubSql): Promise<number> {
  const rows = await q.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM outbox WHERE state = 'sending' AND lease_expires_at >= now()",
  );
  return rows[0]!.n;
}

/** Pushes a fix's lease forward while its request is out; false when this worker no longer holds it. */
export async function renewFixLease(
  q: HubSql,
  id: string,
  owner: string,
  leaseSeconds: number,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE outbox SET lease_expires_at = now() + make_interval(secs => $3)
     WHERE id = $1 AND lease_owner = $2 AND state = 'sending' RETURNING 1`,
    [id, owner, leaseSeconds],
  );
  return rows.length > 0;
}
