// A realm's QBO request budget, shared by every hub process through the database (QBO counts per company
// and app, whoever asks: docs/qbo-api.md §6.3). Two parts, each one atomic statement:
// - concurrency: `slots` rows per realm, each leased by one request in flight (expiring, so a worker that
//   died mid-request frees its slot after `slotLeaseSeconds`);
// - rate: a token bucket, `burst` deep, refilled at `perSecond`, on the database's clock (one clock for
//   every machine). Any window of t seconds then holds at most burst + t × perSecond requests.
import type { HubSql } from '../hub-db.ts';

/** The realm's slot rows and bucket row, made once (a process calls this before its first request). */
export async function ensureRealmBudget(
  q: HubSql,
  realmId: string,
  slots: number,
  burst: number,
): Promise<void> {
  await q.query(
    `INSERT INTO qbo_slots (realm_id, slot) SELECT $1, s FROM generate_series(0, $2 - 1) AS s
     ON CONFLICT DO NOTHING`,
    [realmId, slots],
  );
  await q.query(
    `INSERT INTO qbo_budget (realm_id, tokens, refilled_at) VALUES ($1, $2, clock_timestamp())
     ON CONFLICT DO NOTHING`,
    [realmId, burst],
  );
}

/** Takes a free (or expired) concurrency slot of the realm; its number, or null when all are held. */
export async function takeSlot(
  q: HubSql,
  realmId: string,
  holder: string,
  slots: number,
  slotLeaseSeconds: number,
): Promise<number | null> {
  const rows = await q.query<{ slot: number }>(
    `UPDATE qbo_slots SET holder = $2, expires_at = clock_timestamp() + make_interval(secs => $4)
     WHERE (realm_id, slot) = (
       SELECT realm_id, slot FROM qbo_slots
       WHERE realm_id = $1 AND slot < $3 AND (holder IS NULL OR expires_at < clock_timestamp())
       ORDER BY slot LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING slot`,
    [realmId, holder, slots, slotLeaseSeconds],
  );
  return rows[0]?.slot ?? null;
}

export async function releaseSlot(
  q: HubSql,
  realmId: string,
  slot: number,
  holder: string,
): Promise<void> {
  await q.query(
    'UPDATE qbo_slots SET holder = NULL, expires_at = NULL WHERE realm_id = $1 AND slot = $2 AND holder = $3',
    [realmId, slot, holder],
  );
}

/**
 * Takes one request from the realm's bucket: 0 when taken, else the seconds until one is there.
 * The row is locked for the statement only; the refill is computed from the database clock.
 */
export async function takeToken(
  q: HubSql,
  realmId: string,
  burst: number,
  perSecond: number,
): Promise<number> {
  const rows = await q.query<{ taken: boolean; wait: number }>(
    `WITH now AS (SELECT clock_timestamp() AS t),
     cur AS (
       SELECT b.realm_id, least($2::float8, b.tokens + extract(epoch FROM (now.t - b.refilled_at)) * $3::float8) AS tokens, now.t
       FROM qbo_budget b, now WHERE b.realm_id = $1 FOR UPDATE OF b),
     upd AS (
       UPDATE qbo_budget b SET tokens = cur.tokens - 1, refilled_at = cur.t, requests = b.requests + 1
       FROM cur WHERE b.realm_id = cur.realm_id AND cur.tokens >= 1 RETURNING 1)
     SELECT EXISTS (SELECT 1 FROM upd) AS taken, greatest(0, (1 - cur.tokens) / $3::float8) AS wait FROM cur`,
    [realmId, burst, perSecond],
  );
  const r = rows[0];
  if (!r) return 1 / perSecond;
  return r.taken ? 0 : Math.max(r.wait, 0.001);
}

/** Requests counted against the realm's bucket so far (all hub processes). */
export async function budgetRequests(q: HubSql, realmId: string): Promise<number> {
  const rows = await q.query<{ n: number }>(
    'SELECT requests AS n FROM qbo_budget WHERE realm_id = $1',
    [realmId],
  );
  return rows[0]?.n ?? 0;
}
