// A hub worker: takes sync jobs from the shared queue (db/repositories/jobs.ts), syncs the company, and
// keeps its lease alive with a heartbeat while it works. Several workers per process (`--workers N`) and
// several processes per PostgreSQL run the same loop; SKIP LOCKED leases keep one sync per company.
import { ReconnectNeededError } from '../../oauth/intuit.ts';
import type { HubDb } from '../db/hub-db.ts';
import { getCompany, setConnectionState } from '../db/repositories/companies.ts';
import {
  finishJob,
  openJobs,
  refreshDue,
  releaseJob,
  renewLease,
  takeJob,
  type SyncJob,
} from '../db/repositories/jobs.ts';
import { syncCompany, type CompanySyncResult } from '../sync/company-sync.ts';
import { LeaseLostError } from '../sync/pages.ts';
import type { HubConnections } from './connections.ts';

export type WorkerOptions = {
  db: HubDb;
  connections: HubConnections;
  owner: string;
  /** How long a lease lasts without renewal; a dead worker's job waits this long for another worker. */
  leaseSeconds: number;
  pageSize?: number;
  /** How long to wait before looking again for a job when others' leases still run. */
  pollMs?: number;
  onJob?: (e: JobEvent) => void;
  /** The process is stopping: the job in hand is given back after its current page, none is taken. */
  stop?: AbortSignal;
  onPage?: (companyId: string, entity: string) => void | Promise<void>;
};

export type JobEvent =
  | { kind: 'done'; job: SyncJob; result: CompanySyncResult }
  | { kind: 'failed'; job: SyncJob; error: string }
  | { kind: 'lost'; job: SyncJob }
  | { kind: 'stopped'; job: SyncJob };

class StoppedError extends Error {
  constructor() {
    super('the hub is stopping');
    this.name = 'StoppedError';
  }
}

/** Takes of one job (each after a lease expired) before it is failed for this refresh. */
export const maxAttempts = 5;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs one taken job to its end (done, failed, or lost to another worker). */
export async function runJob(o: WorkerOptions, job: SyncJob): Promise<JobEvent> {
  const abort = new AbortController();
  let lost = false;
  const onStop = () => abort.abort(new StoppedError());
  if (o.stop?.aborted) onStop();
  else o.stop?.addEventListener('abort', onStop, { once: true });
  // The lease is also renewed at every committed page; the heartbeat covers a slow page or a budget wait.
  const heartbeat = setInterval(
    () => {
      renewLease(o.db, job.id, o.owner, o.leaseSeconds)
        .then((held) => {
          if (!held && !lost) {
            lost = true;
            abort.abort(new LeaseLostError(job.id));
          }
        })
        .catch(() => {});
    },
    Math.max(50, (o.leaseSeconds * 1000) / 3),
  );
  try {
    // A job every worker dies on (a company whose books crash us) must not hold its refresh forever.
    if (job.attempts > maxAttempts) {
      const error = `gave up after ${maxAttempts} attempts whose workers stopped mid-sync`;
      await finishJob(o.db, job.id, o.owner, { state: 'failed', error });
      return { kind: 'failed', job, error };
    }
    const company = await getCompany(o.db, job.companyId);
    if (!company) {
      await finishJob(o.db, job.id, o.owner, { state: 'failed', error: 'company removed' });
      return { kind: 'failed', job, error: 'company removed' };
    }
    const qbo = o.connections.qbo(company.apiBaseUrl);
    const result = await syncCompany({
      db: o.db,
      qbo,
      conn: o.connections.connection(company.id, company.realmId, abort.signal),
      companyId: company.id,
      lease: { id: job.id, owner: o.owner, leaseSeconds: o.leaseSeconds },
      pageSize: o.pageSize,
      onPage: async (p) => o.onPage?.(company.id, p.entity),
    });
    if (!(await finishJob(o.db, job.id, o.owner, { state: 'done' }))) return { kind: 'lost', job };
    return { kind: 'done', job, result };
  } catch (error) {
    if (lost || error instanceof LeaseLostError) return { kind: 'lost', job };
    if (o.stop?.aborted) {
      await releaseJob(o.db, job.id, o.owner).catch(() => {});
      return { kind: 'stopped', job };
    }
    const message = (error as Error)?.message ?? String(error);
    if (error instanceof ReconnectNeededError)
      await setConnectionState(o.db, job.companyId, 'reconnect_needed').catch(() => {});
    await finishJob(o.db, job.id, o.owner, { state: 'failed', error: message }).catch(() => {});
    return { kind: 'failed', job, error: message };
  } finally {
    clearInterval(heartbeat);
    o.stop?.removeEventListener('abort', onStop);
  }
}

/**
 * Works the refresh to its end: takes jobs until none is open. A job running under another worker's live
 * lease is waited for (it may die: its lease then expires and this worker takes the job over).
 */
export async function workRefresh(o: WorkerOptions, refreshId: number): Promise<JobEvent[]> {
  const events: JobEvent[] = [];
  for (;;) {
    if (o.stop?.aborted) return events;
    const job = await takeJob(o.db, o.owner, o.leaseSeconds);
    if (job) {
      const e = await runJob(o, job);
      events.push(e);
      o.onJob?.(e);
      continue;
    }
    if ((await openJobs(o.db, refreshId)) === 0) return events;
    await sleep(o.pollMs ?? 200);
  }
}

/** The refresh due now (joined or started, see refreshDue). */
export async function dueRefresh(
  db: HubDb,
  owner: string,
  intervalSeconds: number,
): Promise<{ id: number; created: boolean }> {
  return db.tx((q) => refreshDue(q, owner, intervalSeconds));
}
