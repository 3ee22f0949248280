// Syncs every connected client in the background: in parallel across companies (each company's own
// limiter keeps QBO's per-realm limits), with progress events, cancellation, and resumption after a
// crash from the last committed page or cursor (which is simply where sync_state says we are).
import { listClients } from '../db/repositories/clients.ts';
import { firmCompanyOf } from '../db/repositories/firm.ts';
import {
  emptySummary,
  errorCodeOf,
  type SyncEngine,
  type SyncOptions,
  type SyncSummary,
} from './engine.ts';

const failedSummary = (businessId: string, error: unknown): SyncSummary =>
  emptySummary(businessId, {
    ok: false,
    error: {
      code: errorCodeOf(error),
      message: (error as Error)?.message ?? String(error),
      intuitTid: null,
    },
  });

/** Where a run over several clients stands: `done` of `total` finished; `last` the one that just did. */
export type RunProgress = {
  total: number;
  done: number;
  /** At the start (done 0): the clients of the run. */
  businessIds?: readonly string[];
  last?: SyncSummary;
};

export type RunOptions = Omit<SyncOptions, 'signal'> & {
  businessIds?: readonly string[];
  concurrency?: number;
  signal?: AbortSignal;
  /** At the start (done 0) and as each client finishes: the window's "N of M clients". */
  onProgress?: (p: RunProgress) => void;
};

/** Syncs the clients named (default: every connected one), `concurrency` companies at a time. */
export async function syncClients(
  engine: SyncEngine,
  opts: RunOptions = {},
): Promise<SyncSummary[]> {
  // A firm client's books come from the firm's hub (firm/sync.ts), never from QuickBooks directly.
  const ids = (
    opts.businessIds ??
    listClients(engine.db, engine.options.advisorId)
      .filter((c) => c.connectionState === 'connected')
      .map((c) => c.businessId)
  ).filter((id) => firmCompanyOf(engine.db, id) === undefined);
  const queue = [...ids];
  const results = new Map<string, SyncSummary>();
  opts.onProgress?.({ total: ids.length, done: 0, businessIds: ids });
  const finished = (summary: SyncSummary) => {
    results.set(summary.businessId, summary);
    opts.onProgress?.({ total: ids.length, done: results.size, last: summary });
  };
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      if (opts.signal?.aborted) break;
      // One client's exception (a client deleted meanwhile, a bug) fails that client only, not the run.
      try {
        finished(
          await engine.syncClient(id, {
            strict: opts.strict,
            entities: opts.entities,
            signal: opts.signal,
          }),
        );
      } catch (error) {
        finished(failedSummary(id, error));
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 8, ids.length)) }, worker),
  );
  return ids.flatMap((id) => results.get(id) ?? []);
}

/** A background loop: a run every `intervalMs`, never two at once; stop() cancels the one running. */
export class SyncScheduler {
  private timer: NodeJS.Timeout | undefined;
  private controller: AbortController | undefined;
  private running: Promise<SyncSummary[]> | undefined;

  constructor(
    private readonly engine: SyncEngine,
    /** A function is asked before each wait, so a changed setting applies from the next run on. */
    private readonly intervalMs: number | (() => number),
    private readonly onRun?: (summaries: SyncSummary[]) => void,
    private readonly onProgress?: (p: RunProgress) => void,
  ) {}

  start(): void {
    if (this.timer) return;
    const tick = () => {
      void this.runNow()
        .catch((error: unknown) =>
          console.error(
            '[rowcol] background sync failed:',
            (error as Error)?.message ?? String(error),
          ),
        )
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.nextWaitMs());
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  private nextWaitMs(): number {
    return typeof this.intervalMs === 'function' ? this.intervalMs() : this.intervalMs;
  }

  /** Runs now, or joins the run in progress. */
  runNow(opts: Omit<RunOptions, 'signal'> = {}): Promise<SyncSummary[]> {
    if (this.running) return this.running;
    this.controller = new AbortController();
    this.running = syncClients(this.engine, {
      onProgress: this.onProgress,
      ...opts,
      signal: this.controller.signal,
    })
      .then((s) => {
        this.onRun?.(s);
        return s;
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  /** Cancels the run in progress, if any (the next one still starts on time); true when there was one. */
  cancel(): boolean {
    if (!this.running) return false;
    this.controller?.abort(new Error('sync cancelled'));
    return true;
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.controller?.abort(new Error('sync cancelled'));
    await this.running?.catch(() => undefined);
  }
}
