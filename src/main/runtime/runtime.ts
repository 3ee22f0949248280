// One runtime per process: the desktop app, the CLI, the tests and any later server build the database,
// token vault, demo books, sync engine and scheduler the same way, here, and reach every operation through
// the one handler table. Callers add only what is theirs: the app forwards events to its window and opens
// the browser; the CLI formats. The sync side is built on first use, so reading the mirror stays light.
import type { ArgOf, Handlers, InvokeChannel, ValueOf } from '../../core/contract.ts';
import { CodedError, type Result } from '../../core/result.ts';
import { advisorIdFrom } from '../advisor.ts';
import { backupIfDue } from '../db/backup.ts';
import { damagedDatabaseMessage } from '../db/damaged.ts';
import { openDataDir } from '../db/data-dir.ts';
import type { Db } from '../db/open.ts';
import { dispatch } from '../handlers/dispatch.ts';
import { createHandlers } from '../handlers/index.ts';
import { resolveEndpoints, type QboEndpoints } from '../qbo/endpoints.ts';
import type { LegacyDecrypt } from '../oauth/token-vault.ts';
import { refreshSummaries } from '../services/client-summary.ts';
import { findChromium } from '../services/digest/pdf.ts';
import { recomputeTray, refreshTrays } from '../services/tray/recompute.ts';
import { openSecretBox } from '../settings/secret.ts';
import { openSettings, type Settings } from '../settings/settings.ts';
import { appVersion as packageVersion } from '../version.ts';
import { eventBus, type Listen } from './events.ts';
import type { SyncServices, SyncTuning } from './sync-services.ts';

export type RuntimeOptions = {
  dataDir: string;
  /** An already open database of that folder (tests that plant rows first); closed by its opener. */
  db?: Db;
  env?: NodeJS.ProcessEnv;
  /** The clock (tests, ROWCOL_NOW); the real one by default. */
  now?: () => Date;
  appVersion?: string;
  /** better-sqlite3 built for Electron's ABI (the app). */
  nativeBinding?: string;
  /** Endpoint and app-key overrides for new connections (the CLI's flags); the environment otherwise. */
  endpoints?: Partial<QboEndpoints> & { sandbox?: boolean };
  /** Engine settings for tests and benchmarks (limits, retries, page size). */
  sync?: SyncTuning;
  /** The app only: reads tokens sealed by earlier app versions (Electron safeStorage), sealed again then. */
  legacyDecrypt?: LegacyDecrypt;
  /** One-line notices for the person (the token key's home): the CLI's stderr, the app's log. */
  onNotice?: (line: string) => void;
  /** Opens the consent page in the system browser (the app). */
  openExternal?: (url: string) => Promise<void>;
  /** The background sync's interval (startBackground); the settings' interval otherwise. */
  backgroundSyncMs?: number;
  /** The app: a folder dialog for the digest export (null: cancelled). */
  chooseFolder?: () => Promise<string | null>;
  /** The app: shows a folder in the file manager (shell.openPath: a problem as text, or null). */
  openFolder?: (path: string) => Promise<string | null>;
};

export type Runtime = {
  db: Db;
  dataDir: string;
  advisorId: string;
  now: () => Date;
  handlers: Handlers;
  /** The advisor's settings of this data folder (the app keeps its window's place there too). */
  settings: Settings;
  /** The one gate for callers outside TypeScript (IPC, the UI harness): any channel, any argument. */
  dispatch(channel: unknown, arg: unknown): Promise<Result<unknown>>;
  /** A contract call through the one gate (validation, envelope). */
  invoke<C extends InvokeChannel>(channel: C, arg: ArgOf<C>): Promise<Result<ValueOf<C>>>;
  /** The same call, unwrapped: the value, or a CodedError with the envelope's code and message. */
  call<C extends InvokeChannel>(channel: C, arg: ArgOf<C>): Promise<ValueOf<C>>;
  on: Listen;
  /** The sync side (built on first use). */
  sync(): Promise<SyncServices>;
  /** The writer's step after data changed elsewhere: recomputes the trays that may be out of date. */
  refreshTrays(businessIds?: readonly string[]): string[];
  /** Background sync on the interval, and trays kept current as the day rolls over (the app). */
  startBackground(): Promise<void>;
  close(): Promise<void>;
};

// Background sync runs at the settings' interval (every quarter of an hour unless changed,
// core/settings.ts); "Sync now" runs at once and joins what is already running.
/** How often a long-running process looks whether a tray's day or freshness ran out. */
const trayLookMs = 60_000;

/** ROWCOL_SYNC_PAGE_SIZE: smaller pages (tests stop a sync between pages). QBO pages hold 1 to 1000 records. */
function pageSizeFrom(env: NodeJS.ProcessEnv): number | undefined {
  const v = env.ROWCOL_SYNC_PAGE_SIZE;
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 1000)
    throw new CodedError(
      'INVALID_INPUT',
      'ROWCOL_SYNC_PAGE_SIZE must be a whole number from 1 to 1000.',
    );
  return Number(v);
}

export function openRuntime(options: RuntimeOptions): Runtime {
  const env = options.env ?? process.env;
  const dataDir = options.dataDir;
  const now = options.now ?? (() => new Date());
  const pageSize = pageSizeFrom(env);
  const db = options.db ?? openDataDir(dataDir, { nativeBinding: options.nativeBinding });
  const advisorId = advisorIdFrom(env);
  // Where new connections go, and the app keys: the environment, then the caller's overrides.
  const endpoints = resolveEndpoints(options.endpoints ?? {}, env);
  const bus = eventBus();
  const notice = options.onNotice ?? ((line: string) => console.error(`[rowcol] ${line}`));
  const settings = openSettings({
    dataDir,
    env,
    now,
    onNotice: notice,
    // The client secret is sealed under the token key, resolved only when a secret is saved or used.
    secretBox: () => openSecretBox({ db, dataDir, env, onNotice: notice }),
  });
  // Flags, then the environment, then the settings (read at each use, so keys saved in Settings apply at once).
  const appEndpoints = () => settings.withAppKeys(endpoints);
  const thresholds = () => settings.trayThresholds();
  // Trays out of date (a new day, a sync elsewhere, new thresholds) are recomputed, each with its client's
  // summary (recomputeTray); then the summaries no tray recompute reached (never summarised, another day).
  const refresh = (businessIds?: readonly string[]) => {
    const at = now();
    const recomputed = refreshTrays(db, advisorId, at, businessIds, thresholds());
    refreshSummaries(db, advisorId, at, businessIds);
    return recomputed;
  };
  // A thresholds file broken after a sync must not fail the sync that already committed its data.
  const quietly = (work: () => void) => {
    try {
      work();
    } catch (error) {
      console.error(
        `[rowcol] the tray could not be recomputed: ${(error as Error)?.message ?? String(error)}`,
      );
    }
  };
  const refreshQuietly = (businessIds?: readonly string[]) => quietly(() => refresh(businessIds));

  // The advisor's own work (decisions, calls, tray choices) gets a second copy once a day, after a sync.
  const backUpWhenDue = async () => {
    try {
      // Routine, so quiet: `rowcol restore --list` shows what there is.
      await backupIfDue(db, dataDir, now());
    } catch (error) {
      console.error(
        `[rowcol] the daily backup failed: ${(error as Error)?.message ?? String(error)}`,
      );
    }
  };

  let services: Promise<SyncServices> | undefined;
  const sync = (): Promise<SyncServices> =>
    (services ??= (async () => {
      // The sync side is the writer: today's tray-thresholds.json moves into the settings here, once.
      for (const line of await settings
        .tidy()
        .catch((e: unknown) => [String((e as Error)?.message ?? e)]))
        notice(line);
      // One vault for window and CLI: one sealed format, its key in the OS keychain (the key file only
      // where no keychain exists), so a client connected in one is synced by the other.
      const { openTokenVault } = await import('../oauth/token-vault.ts');
      const opened = openTokenVault({
        db,
        advisorId,
        dataDir,
        env,
        legacyDecrypt: options.legacyDecrypt,
        now,
      });
      if (opened.notice) notice(opened.notice);
      const vault = opened.vault;
      const { buildSyncServices } = await import('./sync-services.ts');
      return buildSyncServices({
        db,
        advisorId,
        dataDir,
        now,
        vault,
        endpoints: appEndpoints,
        tuning: { ...options.sync, ...(pageSize ? { pageSize } : {}) },
        backgroundSyncMs: options.backgroundSyncMs ?? (() => settings.syncIntervalMs()),
        emit: bus.emit,
        // The client's data just changed: recompute its tray whatever the sync marks say (a fixed clock
        // can leave them equal).
        afterClientSync: (businessId) =>
          quietly(() => void recomputeTray(db, { advisorId, businessId }, now(), thresholds())),
        afterRun: async () => {
          refreshQuietly();
          await backUpWhenDue();
        },
        // A data folder signed in to a firm hub keeps exchanging with it in the background too: the work
        // made here goes up, the others' work and the hub's books come down (firm:sync). A hub out of
        // reach is said once per attempt and tried again at the next interval.
        afterBackgroundRun: async () => {
          const linked = await invoke('firm:status', {});
          if (!linked.ok || !linked.value.linked) return;
          const r = await invoke('firm:sync', {});
          if (!r.ok) notice(`[rowcol] the firm hub exchange did not happen: ${r.error.message}`);
        },
      });
    })());

  const handlers = createHandlers({
    db,
    advisorId,
    dataDir,
    appVersion: options.appVersion ?? packageVersion,
    now,
    emit: bus.emit,
    connectEndpoints: appEndpoints,
    env,
    settings,
    sync,
    openExternal: options.openExternal,
    trayThresholds: thresholds,
    refreshTrays: refresh,
    findChromium: () => findChromium(env),
    chooseFolder: options.chooseFolder,
    openFolder: options.openFolder,
  });
  // A damaged database met by any call (a read opened without quick_check) gets the one line that offers
  // the newest good backup, never "internal error".
  const explain = (error: unknown) => damagedDatabaseMessage(error, dataDir, options.nativeBinding);
  const gate = (channel: unknown, arg: unknown) => dispatch(handlers, channel, arg, explain);
  const invoke = <C extends InvokeChannel>(channel: C, arg: ArgOf<C>) =>
    gate(channel, arg) as Promise<Result<ValueOf<C>>>;
  let trayTimer: NodeJS.Timeout | undefined;
  let closed = false;
  /** The background start, while or once it runs (close waits for it). */
  let starting: Promise<void> | undefined;
  return {
    db,
    dataDir,
    advisorId,
    now,
    handlers,
    settings,
    dispatch: gate,
    invoke,
    call: async (channel, arg) => {
      const r = await invoke(channel, arg);
      if (!r.ok) throw new CodedError(r.error.code, r.error.message);
      return r.value;
    },
    on: bus.on,
    sync,
    refreshTrays: refresh,
    startBackground: () => {
      // Each step looks at `closed` again: a close while this starts must not leave a scheduler or a
      // timer running on a closed database (the process would never exit). close() waits for it.
      starting ??= (async () => {
        const s = await sync();
        if (closed) return;
        refreshQuietly();
        await backUpWhenDue();
        if (closed) return;
        trayTimer ??= setInterval(() => refreshQuietly(), trayLookMs);
        trayTimer.unref();
        // Demo clients need their books running again before the first background sync reaches them.
        await s.demo
          .resume()
          .catch((error: unknown) =>
            console.error(
              `[rowcol] the demo books could not be restarted: ${(error as Error)?.message ?? String(error)}`,
            ),
          );
        if (!closed) s.scheduler.start();
      })();
      return starting;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await starting?.catch(() => undefined);
      clearInterval(trayTimer);
      // Let a running page commit or roll back before the database closes.
      if (services) await (await services).close();
      if (!options.db) db.close();
    },
  };
}
