import type { HygieneThresholds } from '../../core/hygiene/codes.ts';
import type { Db } from '../db/open.ts';
import type { QboEndpoints } from '../qbo/endpoints.ts';
import type { Emit } from '../runtime/events.ts';
import type { SyncServices } from '../runtime/sync-services.ts';
import type { Settings } from '../settings/settings.ts';

/** What every handler may use. Built once per process by the runtime (src/main/runtime/runtime.ts). */
export type HandlerContext = {
  db: Db;
  advisorId: string;
  dataDir: string;
  appVersion: string;
  /** The clock, injectable so tests and the emulator's moved clock agree. */
  now: () => Date;
  /** Publishes an event (the app forwards it to the window; the CLI prints progress from it). */
  emit: Emit;
  /** Endpoints and app keys for a new connection (environment, then the caller's overrides). */
  connectEndpoints: () => QboEndpoints;
  /** The sync side (vault, endpoints, demo books, engine), built on first use: reads never load it. */
  sync: () => Promise<SyncServices>;
  /** Opens the consent page in the system browser (the app); without it the caller shows the URL. */
  openExternal?: (url: string) => Promise<void>;
  /** The environment (firm mode: the data folder's token key seals the hub's device token). */
  env?: NodeJS.ProcessEnv;
  /** The advisor's settings (<dataDir>/settings.json), read per call. */
  settings: Settings;
  /** The advisor's tray thresholds (the settings), read per call. */
  trayThresholds: () => HygieneThresholds;
  /** Recomputes the trays that may be out of date (the writer's step after data changed). */
  refreshTrays: (businessIds?: readonly string[]) => void;
  // Digest export from the window (issue 13 §4, handlers/collections.ts).
  /** The Chromium that prints PDFs (ROWCOL_CHROMIUM, then known installs), or undefined. */
  findChromium: () => string | undefined;
  /** The desktop app: asks the advisor for a folder (null: they cancelled). Elsewhere absent. */
  chooseFolder?: () => Promise<string | null>;
  /** The desktop app: shows a folder in the file manager (a problem as text, or null). Elsewhere absent. */
  openFolder?: (path: string) => Promise<string | null>;
};
