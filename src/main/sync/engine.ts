// The sync engine: one per process (desktop app, CLI, tests). It owns a QBO client and a token manager
// per server, syncs one client at a time per call (callers run several in parallel: scheduler.ts) and
// turns every failure into a logged, visible state instead of an exception: the mirror is still served.
import { stopBackgroundCheckpoints } from '../db/checkpointer.ts';
import { mirroredEntities, type MirroredEntity } from '../../core/mirror/entities.ts';
import type { ErrorCode } from '../../core/result.ts';
import { CodedError } from '../../core/result.ts';
import type { Db } from '../db/open.ts';
import { writeTransaction } from '../db/transaction.ts';
import {
  getClient,
  setConnectionState,
  type ClientConnection,
} from '../db/repositories/clients.ts';
import { ttlSeconds } from '../db/repositories/entity-policy.ts';
import { appendLog } from '../db/repositories/integration-log.ts';
import { getSyncState, putSyncState, type SyncState } from '../db/repositories/sync-state.ts';
import { ReconnectNeededError, IntuitOAuth } from '../oauth/intuit.ts';
import { TokenManager } from '../oauth/token-manager.ts';
import type { TokenVault } from '../oauth/tokens.ts';
import type { BreakerOptions } from '../qbo/breaker.ts';
import { QboClient, newRequestStats, type RequestStats } from '../qbo/client.ts';
import { intuitEndpoints, oauthEndpointsOf, type QboEndpoints } from '../qbo/endpoints.ts';
import {
  AuthenticationError,
  CircuitOpenError,
  NetworkError,
  QboError,
  RateLimitError,
  TimeoutError,
} from '../qbo/errors.ts';
import type { Limits } from '../qbo/limiter.ts';
import type { RetryPolicy } from '../qbo/retry.ts';
import { addCounts, zeroCounts, type BatchCounts, type Scope } from './apply.ts';
import {
  fullLoad,
  incremental,
  pageSize as defaultPageSize,
  type FetchContext,
  type Progress,
} from './fetch.ts';
import { raiseSyncProblem, resolveSyncProblems, syncCodes } from './hygiene.ts';
import { SyncLeases, type HeldLease } from './lease.ts';
import { sendFixes, type FixCounts } from './send-fixes.ts';
import type { LeaseHolder } from '../db/repositories/sync-leases.ts';

export type { Progress };

export type SyncEngineOptions = {
  db: Db;
  advisorId: string;
  vault: TokenVault;
  /** Token endpoint and app keys for a client's API base URL (from its row). */
  endpoints: QboEndpoints | ((apiBaseUrl: string) => QboEndpoints);
  limits?: Limits;
  retry?: RetryPolicy;
  breaker?: BreakerOptions;
  timeoutMs?: number;
  pageSize?: number;
  now?: () => Date;
  onProgress?: (p: Progress) => void;
  /** A client's connection changed during sync (invalid_grant → reconnect_needed). */
  onConnectionChanged?: (businessId: string, state: 'reconnect_needed') => void;
  /** Another process on the data folder is syncing this client: this one waits for it. */
  onWaiting?: (businessId: string, holder: LeaseHolder) => void;
  /**
   * A client's mirror, sync state or connection may have changed (a run ended, however it ended): the
   * runtime recomputes its tray here, in the writer, so that screens only ever read.
   */
  onClientSynced?: (businessId: string) => void;
};

export type SyncError = { code: ErrorCode; message: string; intuitTid: string | null };

export type SyncSummary = {
  businessId: string;
  ok: boolean;
  cancelled: boolean;
  /** 'elsewhere': another process synced the client while this one waited for it. */
  mode: 'full' | 'incremental' | 'mixed' | 'none' | 'elsewhere';
  counts: BatchCounts;
  pages: number;
  stats: RequestStats;
  durationMs: number;
  error: SyncError | null;
  /** The client's recorded fixes sent before the pull (send-fixes.ts). */
  fixes: FixCounts;
};

/** A run that fetched and sent nothing (cancelled while waiting, synced elsewhere, failed before starting). */
export const emptySummary = (businessId: string, over: Partial<SyncSummary> = {}): SyncSummary => ({
  businessId,
  ok: true,
  cancelled: false,
  mode: 'none',
  counts: zeroCounts(),
  pages: 0,
  stats: newRequestStats(),
  durationMs: 0,
  error: null,
  fixes: { applied: 0, conflicts: 0, failed: 0 },
  ...over,
});

export type SyncOptions = {
  strict?: boolean;
  entities?: readonly MirroredEntity[];
  signal?: AbortSignal;
};

export function errorCodeOf(error: unknown): ErrorCode {
  if (error instanceof RateLimitError) return 'RATE_LIMITED';
  if (error instanceof AuthenticationError) return 'AUTH_REQUIRED';
  if (
    error instanceof NetworkError ||
    error instanceof TimeoutError ||
    error instanceof CircuitOpenError
  )
    return 'OFFLINE';
  if (error instanceof CodedError) return error.code;
  if (error instanceof QboError) return 'UNAVAILABLE';
  return 'INTERNAL';
}

export class SyncEngine {
  private readonly apis = new Map<string, QboClient>();
  private readonly tokenManagers = new Map<string, TokenManager>();
  readonly now: () => Date;

  constructor(readonly options: SyncEngineOptions) {
    this.now = options.now ?? (() => new Date());
  }

  get db(): Db {
    return this.options.db;
  }

  scope(businessId: string): Scope {
    return { advisorId: this.options.advisorId, businessId };
  }

  /**
   * The QBO client for this client's API base URL (one limiter per realm inside) and a token manager for
   * the OAuth server it was connected through: a refresh token is never sent anywhere else. The app keys
   * are looked up on each call (the demo books may start after the engine), never cached before.
   */
  server(client: ClientConnection): { qbo: QboClient; tokens: TokenManager } {
    const o = this.options;
    const apiBaseUrl = this.apiBaseUrlOf(client);
    let qbo = this.apis.get(apiBaseUrl);
    if (!qbo)
      this.apis.set(
        apiBaseUrl,
        (qbo = new QboClient({
          apiBaseUrl,
          limits: o.limits,
          retry: o.retry,
          breaker: o.breaker,
          timeoutMs: o.timeoutMs,
        })),
      );
    const endpoints = this.endpointsOf(client);
    const key = [endpoints.tokenUrl, endpoints.revokeUrl, endpoints.clientId].join(' ');
    let tokens = this.tokenManagers.get(key);
    if (!tokens) {
      const oauth = new IntuitOAuth(endpoints, 'http://localhost/callback', () =>
        this.now().getTime(),
      );
      tokens = new TokenManager(
        o.vault,
        oauth,
        { onReconnectNeeded: (id, e) => this.markReconnectNeeded(id, e.message) },
        () => this.now().getTime(),
      );
      this.tokenManagers.set(key, tokens);
    }
    return { qbo, tokens };
  }

  /** App keys for the client's server, with the OAuth endpoints it was connected through (see server()). */
  endpointsOf(client: ClientConnection): QboEndpoints {
    const o = this.options;
    const apiBaseUrl = this.apiBaseUrlOf(client);
    const keys =
      typeof o.endpoints === 'function' ? o.endpoints(apiBaseUrl) : { ...o.endpoints, apiBaseUrl };
    // No known endpoint: empty URLs, which IntuitOAuth refuses (reconnect), instead of today's environment.
    return { ...keys, tokenUrl: '', revokeUrl: '', ...oauthEndpointsOf(client) };
  }

  apiBaseUrlOf(client: { environment: string; apiBaseUrl: string | null }): string {
    return (
      client.apiBaseUrl ??
      (client.environment === 'sandbox' ? intuitEndpoints.sandbox : intuitEndpoints.production)
    );
  }

  /** connected → reconnect_needed, and only from connected: a client disconnected meanwhile stays so. */
  private markReconnectNeeded(businessId: string, detail: string): void {
    const at = this.now().toISOString();
    const changed = writeTransaction(this.db, () => {
      if (getClient(this.db, this.options.advisorId, businessId)?.connectionState !== 'connected')
        return false;
      setConnectionState(this.db, this.options.advisorId, businessId, 'reconnect_needed');
      raiseSyncProblem(this.db, this.scope(businessId), syncCodes.reconnect, detail, at);
      return true;
    });
    if (changed) this.options.onConnectionChanged?.(businessId, 'reconnect_needed');
  }

  async close(): Promise<void> {
    await stopBackgroundCheckpoints(this.db);
    await Promise.all([...this.apis.values()].map((q) => q.close()));
    this.apis.clear();
    this.tokenManagers.clear();
  }

  private readonly running = new Map<string, Promise<SyncSummary>>();
  private leasesOf: SyncLeases | undefined;

  /**
   * Brings one client's mirror up to date; never throws for QBO or network failures. A second call for a
   * client already syncing joins the run in progress (two runs would fetch and write the same pages twice);
   * a client another process is syncing is waited for (lease.ts), and not fetched again if that run
   * succeeded meanwhile.
   */
  syncClient(businessId: string, opts: SyncOptions = {}): Promise<SyncSummary> {
    const joined = this.running.get(businessId);
    if (joined) return joined;
    const run = this.leasedSync(businessId, opts).finally(() => this.running.delete(businessId));
    this.running.set(businessId, run);
    return run;
  }

  private async leasedSync(businessId: string, opts: SyncOptions): Promise<SyncSummary> {
    if (!getClient(this.db, this.options.advisorId, businessId))
      throw new CodedError('NOT_FOUND', `No client ${businessId}.`);
    this.leasesOf ??= new SyncLeases(this.db, this.options.advisorId);
    let lease: HeldLease;
    try {
      lease = await this.leasesOf.hold(businessId, opts.signal, (holder) =>
        this.options.onWaiting?.(businessId, holder),
      );
    } catch {
      // Cancelled while waiting for another process: nothing was fetched.
      return emptySummary(businessId, { ok: false, cancelled: true });
    }
    let ok = false;
    // The requests QBO counts against this company's windows: the previous run's (perhaps another
    // process's, a moment ago), then this run's own, handed on to whoever syncs it next.
    let recent = lease.earlierRequests;
    try {
      if (lease.syncedMeanwhile) {
        ok = true;
        return emptySummary(businessId, { mode: 'elsewhere' });
      }
      const summary = await this.runSync(businessId, opts, lease.earlierRequests);
      ok = summary.ok;
      recent = this.recentRequestsOf(businessId) ?? recent;
      return summary;
    } finally {
      lease.release(ok, recent);
      this.options.onClientSynced?.(businessId);
    }
  }

  /** This process's requests of the last minute to the client's company (wall-clock ms). */
  private recentRequestsOf(businessId: string): number[] | undefined {
    const client = getClient(this.db, this.options.advisorId, businessId);
    return client && this.server(client).qbo.limiters.recentRequests(client.realmId);
  }

  private async runSync(
    businessId: string,
    opts: SyncOptions,
    earlierRequests: readonly number[] = [],
  ): Promise<SyncSummary> {
    const started = Date.now();
    const client = getClient(this.db, this.options.advisorId, businessId);
    if (!client) throw new CodedError('NOT_FOUND', `No client ${businessId}.`);
    const scope = this.scope(businessId);
    const stats = newRequestStats();
    const pages = { count: 0 };
    const summary = (
      counts: BatchCounts,
      mode: SyncSummary['mode'],
      error: SyncError | null,
      cancelled = false,
    ): SyncSummary => ({
      businessId,
      ok: error === null && !cancelled,
      cancelled,
      mode,
      counts,
      pages: pages.count,
      stats,
      durationMs: Date.now() - started,
      error,
      fixes,
    });
    let fixes: FixCounts = { applied: 0, conflicts: 0, failed: 0 };
    if (client.connectionState !== 'connected') {
      const message =
        client.connectionState === 'reconnect_needed'
          ? `${client.displayName} must be reconnected to QuickBooks (rowcol connect).`
          : `${client.displayName} is disconnected.`;
      return summary(zeroCounts(), 'none', { code: 'AUTH_REQUIRED', message, intuitTid: null });
    }
    const { qbo, tokens } = this.server(client);
    // Connecting read CompanyInfo, and the last sync made its requests, perhaps in another process a moment
    // ago (`rowcol connect && rowcol sync`, `rowcol sync && rowcol sync`): QBO still counts them in this
    // realm's per-second and per-minute windows.
    const connectedAt = Date.parse(client.connectedAt);
    qbo.limiters.noteEarlierRequests(client.realmId, [
      ...(Number.isNaN(connectedAt) ? [] : [connectedAt]),
      ...earlierRequests,
    ]);
    const ctx: FetchContext = {
      db: this.db,
      scope,
      qbo,
      conn: {
        realmId: client.realmId,
        tokens: tokens.source(businessId),
        stats,
        signal: opts.signal,
      },
      now: this.now,
      pageSize: this.options.pageSize ?? defaultPageSize,
      onPage: (p) => this.options.onProgress?.(p),
      pages,
    };
    const entities = opts.entities ?? mirroredEntities;
    // The advisor's fixes go first: the pull that follows then brings QBO's records with them applied.
    try {
      fixes = await sendFixes({ db: this.db, scope, qbo, conn: ctx.conn, now: this.now });
    } catch (error) {
      if (opts.signal?.aborted) return summary(zeroCounts(), 'none', null, true);
      return summary(zeroCounts(), 'none', this.recordFailure(businessId, entities, error));
    }
    const states = new Map<MirroredEntity, SyncState>();
    for (const e of entities) {
      const s = getSyncState(this.db, scope, e);
      if (s) states.set(e, s);
    }
    const needsFull = (e: MirroredEntity) => {
      const s = states.get(e);
      return !s || !s.cursor || s.fullLoadPosition !== null;
    };
    const full = entities.filter(needsFull);
    // CompanyInfo is not in the CDC request: it is re-read when its policy says it is stale (or STRICT).
    const companyDue = (e: MirroredEntity) => {
      const last = states.get(e)?.lastSuccessAt;
      return (
        opts.strict ||
        !last ||
        this.now().getTime() - Date.parse(last) >= (ttlSeconds(this.db, e) ?? 0) * 1000
      );
    };
    const cdcEntities = entities.filter((e) => !needsFull(e) && e !== 'CompanyInfo');
    if (!needsFull('CompanyInfo') && entities.includes('CompanyInfo') && companyDue('CompanyInfo'))
      full.push('CompanyInfo');
    const mode: SyncSummary['mode'] =
      full.length && cdcEntities.length
        ? 'mixed'
        : full.length
          ? 'full'
          : cdcEntities.length
            ? 'incremental'
            : 'none';

    const results = await Promise.allSettled([
      incremental(ctx, cdcEntities, states),
      ...full.map((e) =>
        fullLoad(ctx, e, e === 'CompanyInfo' && !needsFull(e) ? undefined : states.get(e)),
      ),
    ]);
    let counts = zeroCounts();
    let failure: unknown;
    for (const r of results) {
      if (r.status === 'fulfilled') counts = addCounts(counts, r.value);
      // Throttling explains the run best (RATE_LIMITED, SYNC_THROTTLED), whatever else failed beside it.
      else if (
        failure === undefined ||
        (r.reason instanceof RateLimitError && !(failure instanceof RateLimitError))
      )
        failure = r.reason;
    }
    if (failure === undefined) {
      resolveSyncProblems(this.db, scope, this.now().toISOString());
      return summary(counts, mode, null);
    }
    if (opts.signal?.aborted) return summary(counts, mode, null, true);
    return summary(counts, mode, this.recordFailure(businessId, entities, failure));
  }

  /** Logs the failure, notes it in sync_state and raises the tray item; returns what to tell the caller. */
  recordFailure(
    businessId: string,
    entities: readonly MirroredEntity[],
    error: unknown,
  ): SyncError {
    const scope = this.scope(businessId);
    const at = this.now().toISOString();
    const code = errorCodeOf(error);
    const message = (error as Error)?.message ?? String(error);
    const intuitTid = error instanceof QboError ? error.intuitTid : null;
    let reconnect = false;
    writeTransaction(this.db, () => {
      appendLog(this.db, {
        ...scope,
        direction: 'INBOUND',
        entity: entities.length === 1 ? (entities[0] ?? 'all') : 'all',
        operation: 'sync',
        status: 'error',
        error: message,
        intuitTid,
        at,
      });
      for (const e of entities)
        putSyncState(this.db, scope, e, {
          lastError: message,
          lastErrorCode: code,
          lastErrorAt: at,
        });
      if (error instanceof RateLimitError)
        raiseSyncProblem(this.db, scope, syncCodes.throttled, message, at);
      else if (error instanceof ReconnectNeededError || error instanceof AuthenticationError) {
        // The token manager may have marked it already (invalid_grant): announce the change once.
        // Only from connected: a client disconnected during the sync stays disconnected.
        reconnect =
          getClient(this.db, this.options.advisorId, businessId)?.connectionState === 'connected';
        if (reconnect) {
          setConnectionState(this.db, this.options.advisorId, businessId, 'reconnect_needed');
          raiseSyncProblem(this.db, scope, syncCodes.reconnect, message, at);
        }
      } else raiseSyncProblem(this.db, scope, syncCodes.failed, message, at);
      // Out-of-date data (SYNC_STALE) is the tray's rule (staleSync), from the sync_state written above.
    });
    if (reconnect) this.options.onConnectionChanged?.(businessId, 'reconnect_needed');
    return { code, message, intuitTid };
  }
}
