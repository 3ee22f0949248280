// Sync jobs across a fleet of hub processes sharing one PostgreSQL. A job is one sync of one company in
// one refresh. Workers take jobs with FOR UPDATE SKIP LOCKED (never two on one job, never waiting on one
// another) and hold a lease: `lease_expires_at`, pushed forward at every committed page and by a
// heartbeat. A worker that dies stops renewing; once its lease has expired any worker may take the job
// over and resumes it from the company's last committed page (sync_cursors). A worker whose lease was
// taken over finds out at its next page: every page's transaction first locks the job row and checks the
// owner (holdLease), so a worker that lost its lease never commits a page after the new owner started.
import type { HubSql } from '../hub-db.ts';

export type SyncJob = {
  id: number;
  companyId: string;
  refreshId: number | null;
  state: 'queued' | 'running' | 'done' | 'failed';
  leaseOwner: string | null;
  attempts: number;
  pages: number;
  records: number;
  error: string | null;
};

const jobColumns = `id, company_id AS "companyId", refresh_id AS "refreshId", state,
  lease_owner AS "leaseOwner", attempts, pages, records, error`;

/**
 * The refresh due now: the latest one while it has open jobs or started less than `intervalSeconds` ago,
 * else a new one with a job for every connected company. Serialised by an advisory lock, so workers
 * starting together (or one starting while another works) join one refresh: each company synced once.
 */
export async function refreshDue(
  q: HubSql,
  owner: string,
  intervalSeconds: number,
): Promise<{ id: number; created: boolean }> {
  await q.query('SELECT pg_advisory_xact_lock($1)', [refreshLock.toString()]);
  // The latest refresh is joined while any of its jobs is open (one refresh at a time across the fleet),
  // and after that until the interval has passed.
  const latest = await q.query<{ id: number }>(
    `SELECT r.id FROM hub_refreshes r
     WHERE r.id = (SELECT max(id) FROM hub_refreshes)
       AND (r.started_at > now() - make_interval(secs => $1)
         OR EXISTS (SELECT 1 FROM sync_jobs j WHERE j.refresh_id = r.id AND j.state IN ('queued', 'running')))`,
    [intervalSeconds],
  );
  if (latest[0]) return { id: latest[0].id, created: false };
  const [made] = await q.query<{ id: number }>(
    'INSERT INTO hub_refreshes (started_by) VALUES ($1) RETURNING id',
    [owner],
  );
  // A company whose job of an earlier refresh is still open keeps that one (one open job per company).
  await q.query(
    `INSERT INTO sync_jobs (company_id, refresh_id)
     SELECT id, $1 FROM companies WHERE connection_state = 'connected'
     ON CONFLICT DO NOTHING`,
    [made!.id],
  );
  return { id: made!.id, created: true };
}

/** pg_advisory_xact_lock key of starting a refresh ("rowcolrf"). */
const refreshLock = 0x726f77636f6c7266n;

/** Takes a queued job, or one whose lease has expired; null when there is none to take now. */
export async function takeJob(
  q: HubSql,
  owner: string,
  leaseSeconds: number,
): Promise<SyncJob | null> {
  const rows = await q.query<SyncJob>(
    `UPDATE sync_jobs SET state = 'running', lease_owner = $1,
       lease_expires_at = now() + make_interval(secs => $2), attempts = attempts + 1,
       started_at = coalesce(started_at, now())
     WHERE id = (
       SELECT id FROM sync_jobs
       WHERE state = 'queued' OR (state = 'running' AND lease_expires_at < now())
       ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING ${jobColumns}`,
    [owner, leaseSeconds],
  );
  return rows[0] ?? null;
}

/** Pushes the lease forward; false when this worker no longer holds it (taken over, or finished). */
export async function renewLease(
  q: HubSql,
  jobId: number,
  owner: string,
  leaseSeconds: number,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE sync_jobs SET lease_expires_at = now() + make_interval(secs => $3)
     WHERE id = $1 AND lease_owner = $2 AND state = 'running' RETURNING 1`,
    [jobId, owner, leaseSeconds],
  );
  return rows.length > 0;
}

/**
 * Inside a page's transaction, first: locks the job row and says whether this worker still holds it.
 * An expired lease nobody took over is still this worker's: expiry only lets another take it.
 */
export async function holdLease(q: HubSql, jobId: number, owner: string): Promise<boolean> {
  const rows = await q.query(
    `SELECT 1 FROM sync_jobs WHERE id = $1 AND lease_owner = $2 AND state = 'running' FOR UPDATE`,
    [jobId, owner],
  );
  return rows.length > 0;
}

/** Counts a committed page (in its transaction) and renews the lease. */
export async function notePage(
  q: HubSql,
  jobId: number,
  records: number,
  leaseSeconds: number,
): Promise<void> {
  await q.query(
    `UPDATE sync_jobs SET pages = pages + 1, records = records + $2,
       lease_expires_at = now() + make_interval(secs => $3) WHERE id = $1`,
    [jobId, records, leaseSeconds],
  );
}

export async function finishJob(
  q: HubSql,
  jobId: number,
  owner: string,
  outcome: { state: 'done' | 'failed'; error?: string },
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE sync_jobs SET state = $3, error = $4, finished_at = now(), lease_expires_at = NULL
     WHERE id = $1 AND lease_owner = $2 AND state = 'running' RETURNING 1`,
    [jobId, owner, outcome.state, outcome.error ?? null],
  );
  return rows.length > 0;
}

/** Gives the job back at once (this process is stopping): any worker may take it now, from its cursor. */
export async function releaseJob(q: HubSql, jobId: number, owner: string): Promise<void> {
  await q.query(
    `UPDATE sync_jobs SET lease_expires_at = now() - interval '1 second'
     WHERE id = $1 AND lease_owner = $2 AND state = 'running'`,
    [jobId, owner],
  );
}

/** Jobs of this refresh not finished yet (queued, or running under someone's lease). */
export async function openJobs(q: HubSql, refreshId: number): Promise<number> {
  const rows = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM sync_jobs WHERE refresh_id = $1 AND state IN ('queued', 'running')`,
    [refreshId],
  );
  return rows[0]!.n;
}

export async function jobsOfRefresh(q: HubSql, refreshId: number): Promise<SyncJob[]> {
  return q.query<SyncJob>(`SELECT ${jobColumns} FROM sync_jobs WHERE refresh_id = $1 ORDER BY id`, [
    refreshId,
  ]);
}

export async function listJobs(q: HubSql): Promise<SyncJob[]> {
  return q.query<SyncJob>(`SELECT ${jobColumns} FROM sync_jobs ORDER BY id`);
}
