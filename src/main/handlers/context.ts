import type { EventChannel, EventMap } from '../../core/contract.ts';
import type { Db } from '../db/open.ts';
import type { DemoSession } from '../sync/demo-session.ts';
import type { SyncServices } from './sync.ts';

/** What every handler may use. Built once by the app, the CLI or the UI test harness. */
export type HandlerContext = {
  db: Db;
  advisorId: string;
  dataDir: string;
  appVersion: string;
  /** The clock, injectable so tests and the emulator's moved clock agree. */
  now: () => Date;
  /** Pushes an event to the renderer (the app wires it to webContents; absent in the CLI). */
  emit?: <E extends EventChannel>(event: E, payload: EventMap[E]) => void;
  /** The sync engine, vault and endpoints; built headless from the environment when absent. */
  sync?: SyncServices;
  /** The demo books of a long-running process (the app); the CLI has `rowcol connect --demo` instead. */
  demo?: DemoSession;
};
