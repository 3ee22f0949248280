// `rowcol hub`: the firm's headless server. Opens the hub database (DATABASE_URL, else the embedded
// PGlite under <dataDir>/hub-db), checks the hub key against it, and runs N workers that take the sync
// jobs of each refresh (and the outbox) until stopped, or, with `once`, one refresh of every company.
// Several hub processes on several machines may share one PostgreSQL: leases and the realm budget are in
// the database, never in a process.
import type { QboEndpoints } from '../qbo/endpoints.ts';
import type { RetryPolicy } from '../qbo/retry.ts';
import { realmBudget, defaultBudget, type BudgetLimits } from './budget/realm-budget.ts';
import type { HubDb } from './db/hub-db.ts';
import { openHubDb } from './db/open.ts';
import { setConnectionState } from './db/repositories/companies.ts';
import { HubConnections } from './jobs/connections.ts';
import { newOwner } from './jobs/owner.ts';
import { dueRefresh, workRefresh, type JobEvent } from './jobs/worker.ts';
import { resolveHubKey, type HubKey } from './vault/hub-key.ts';
import { openHubVault, type HubSealer } from './vault/hub-vault.ts';
import { sendOutbox, type OutboxEvent } from './outbox/send.ts';

export type HubOptions = {
  databaseUrl?: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  endpoints: QboEndpoints;
  workers?: number;
  leaseSeconds?: number;
  /** A refresh of every company starts at most this often (fleet-wide). */
  intervalSeconds?: number;
  pageSize?: number;
  budget?: BudgetLimits;
  retry?: RetryPolicy;
  log?: (line: string) => void;
};

export type Hub = {
  db: HubDb;
  key: HubKey;
  sealer: HubSealer;
  connections: HubConnections;
  owner: string;
  options: HubOptions;
  close(): Promise<void>;
};

export const hubDefaults = { workers: 2, leaseSeconds: 60, intervalSeconds: 900 } as const;

export async function openHub(o: HubOptions): Promise<Hub> {
  const db = await openHubDb({
    databaseUrl: o.databaseUrl,
    dataDir: o.dataDir,
    poolSize: (o.workers ?? hubDefaults.workers) * 2 + 4,
  });
  try {
    const key = resolveHubKey({ env: o.env, dataDir: o.dataDir });
    const sealer = await openHubVault(db, key);
    const owner = newOwner();
    const connections = new HubConnections({
      db,
      endpoints: o.endpoints,
      vault: sealer.vault,
      admit: realmBudget(db, owner, o.budget ?? defaultBudget),
      retry: o.retry,
      onReconnectNeeded: (companyId) => {
        setConnectionState(db, companyId, 'reconnect_needed').catch(() => {});
      },
    });
    return {
      db,
      key,
      sealer,
      connections,
      owner,
      options: o,
      async close() {
        await connections.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
}

export type RefreshSummary = { refreshId: number; jobs: JobEvent[]; outbox: OutboxEvent[] };

/** One refresh of every company (joined if another hub process started it), the outbox beside it. */
export async function refreshOnce(hub: Hub, stop?: AbortSignal): Promise<RefreshSummary> {
  const o = hub.options;
  const refresh = await dueRefresh(
    hub.db,
    hub.owner,
    o.intervalSeconds ?? hubDefaults.intervalSeconds,
  );
  const workers = Math.max(1, o.workers ?? hubDefaults.workers);
  const leaseSeconds = o.leaseSeconds ?? hubDefaults.leaseSeconds;
  // The outbox goes beside the syncs, not after them: a fix waits for no full load.
  const [runs, outbox] = await Promise.all([
    Promise.all(
      Array.from({ length: workers }, (_, i) =>
        workRefresh(
          {
            db: hub.db,
            connections: hub.connections,
            owner: `${hub.owner}/w${i + 1}`,
            leaseSeconds,
            pageSize: o.pageSize,
            stop,
            onJob: (e) => o.log?.(describeJob(e)),
          },
          refresh.id,
        ),
      ),
    ),
    sendOutbox({
      db: hub.db,
      connections: hub.connections,
      owner: `${hub.owner}/outbox`,
      leaseSeconds,
      stop,
      onSent: (e) => o.log?.(describeFix(e)),
    }),
  ]);
  return { refreshId: refresh.id, jobs: runs.flat(), outbox };
}

/** Refreshes every interval until `signal` aborts. */
export async function runHub(hub: Hub, signal: AbortSignal): Promise<void> {
  const every = (hub.options.intervalSeconds ?? hubDefaults.intervalSeconds) * 1000;
  while (!signal.aborted) {
    try {
      await refreshOnce(hub, signal);
    } catch (error) {
      // The database or the network went away for a moment: say so, and try again at the next round.
      hub.options.log?.(`refresh failed: ${(error as Error)?.message ?? String(error)}`);
    }
    await new Promise<void>((resolve) => {
      // A refresh is due `every` ms after the last one started; waking a little early only joins it.
      const t = setTimeout(resolve, Math.min(every, 30_000));
      signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
    });
  }
}

function describeJob(e: JobEvent): string {
  if (e.kind === 'done')
    return `synced ${e.job.companyId}: ${e.result.mode}, ${e.result.pages} requests, ${e.result.counts.changed} records changed`;
  if (e.kind === 'lost') return `gave up ${e.job.companyId}: another hub worker took its lease`;
  if (e.kind === 'stopped')
    return `stopped during ${e.job.companyId}: its job is free for another hub worker`;
  return `sync of ${e.job.companyId} failed: ${e.error}`;
}

function describeFix(e: OutboxEvent): string {
  return `fix ${e.id} (${e.entity} ${e.qboId} of ${e.companyId}): ${e.state}${e.reason ? ` (${e.reason})` : ''}`;
}
