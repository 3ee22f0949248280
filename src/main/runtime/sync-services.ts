// The sync side of a runtime: token vault, endpoints, demo books, sync engine and background scheduler,
// built once per process on first use. Loaded on demand (runtime.ts imports it dynamically), so commands
// that only read the mirror never load the QBO client, OAuth or the emulator.
import type { SyncRunResult } from '../../core/sync.ts';
import type { Db } from '../db/open.ts';
import type { TokenVault } from '../oauth/tokens.ts';
import type { QboEndpoints } from '../qbo/endpoints.ts';
import { DemoSession } from '../sync/demo-session.ts';
import { SyncEngine, type SyncEngineOptions } from '../sync/engine.ts';
import { toRunResult } from '../sync/run-result.ts';
import { syncClients, SyncScheduler, type RunProgress } from '../sync/scheduler.ts';
import type { Emit } from './events.ts';

/** Engine settings a caller may tune (tests and benchmarks: limits, retries, page size). */
export type SyncTuning = Partial<
  Pick<SyncEngineOptions, 'limits' | 'retry' | 'breaker' | 'timeoutMs' | 'pageSize'>
>;

export type SyncServices = {
  vault: TokenVault;
  demo: DemoSession;
  engine: SyncEngine;
  scheduler: SyncScheduler;
  /** Syncs the clients named (default: every connected one), restarting the demo books they need. */
  run(opts: { businessIds?: readonly string[]; strict?: boolean }): Promise<SyncRunResult[]>;
  /**
   * Cancels every run in progress (the window's Cancel: `sync:cancel`): requests in flight are aborted,
   * each client stops at its last committed page and resumes there next time. Returns how many runs.
   */
  cancel(): number;
  close(): Promise<void>;
};

export type SyncServicesOptions = {
  db: Db;
  advisorId: string;
  dataDir: string;
  now: () => Date;
  vault: TokenVault;
  /** Endpoints and app keys (flags, the environment, the settings), asked at each use: keys saved in Settings apply at once. */
  endpoints: () => QboEndpoints;
  tuning?: SyncTuning;
  /** Asked before each wait (the settings' interval). */
  backgroundSyncMs: number | (() => number);
  emit: Emit;
  /** After a client's run, whatever its outcome: the runtime recomputes its tray (writer side). */
  afterClientSync: (businessId: string) => void;
  /** After a run over several clients: the runtime refreshes every tray and backs up when due. */
  afterRun: () => Promise<void>;
  /** After each background run only: a firm desktop exchanges with its hub (push, then pull). */
  afterBackgroundRun?: () => Promise<void>;
};

export function buildSyncServices(o: SyncServicesOptions): SyncServices {
  const demo = new DemoSession(o.db, o.advisorId, o.vault, o.dataDir);
  const engine = new SyncEngine({
    db: o.db,
    advisorId: o.advisorId,
    vault: o.vault,
    now: o.now,
    // A client connected to the demo books is reached there; every other one where it was connected.
    endpoints: (apiBaseUrl) => demo.endpointsFor(apiBaseUrl) ?? { ...o.endpoints(), apiBaseUrl },
    ...o.tuning,
    onProgress: (p) => o.emit('sync:progress', p),
    onConnectionChanged: (businessId, connectionState) =>
      o.emit('connection:changed', { businessId, connectionState }),
    onWaiting: (businessId, holder) =>
      o.emit('sync:waiting', { businessId, holder: `pid ${holder.pid} on ${holder.host}` }),
    onClientSynced: o.afterClientSync,
  });
  const runProgress = (p: RunProgress) =>
    o.emit('sync:clients', {
      total: p.total,
      done: p.done,
      ...(p.businessIds ? { businessIds: [...p.businessIds] } : {}),
      ...(p.last
        ? {
            last: {
              businessId: p.last.businessId,
              ok: p.last.ok,
              cancelled: p.last.cancelled,
              errorCode: p.last.error?.code ?? null,
            },
          }
        : {}),
    });
  const scheduler = new SyncScheduler(
    engine,
    o.backgroundSyncMs,
    () => void o.afterRun().then(() => o.afterBackgroundRun?.()),
    runProgress,
  );
  /** The runs started by run() (the window's Sync now, the CLI), each with its own cancel. */
  const runs = new Set<AbortController>();
  return {
    vault: o.vault,
    demo,
    engine,
    scheduler,
    run: async ({ businessIds, strict }) => {
      // The demo books of this process are started again for the demo clients it is asked to sync.
      await demo.resume(businessIds);
      const controller = new AbortController();
      runs.add(controller);
      let summaries;
      try {
        summaries = await syncClients(engine, {
          businessIds,
          strict,
          signal: controller.signal,
          onProgress: runProgress,
        });
      } finally {
        runs.delete(controller);
      }
      await o.afterRun();
      return summaries.map(toRunResult);
    },
    cancel: () => {
      let n = scheduler.cancel() ? 1 : 0;
      for (const c of runs) {
        c.abort(new Error('sync cancelled'));
        n++;
      }
      runs.clear();
      return n;
    },
    close: async () => {
      await scheduler.stop();
      await engine.close();
      await demo.close();
    },
  };
}
