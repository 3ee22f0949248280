import type { Db } from '../db/open.ts';

/** What every handler may use. Built once by the app, the CLI or the UI test harness. */
export type HandlerContext = {
  db: Db;
  advisorId: string;
  dataDir: string;
  appVersion: string;
  /** The clock, injectable so tests and the emulator's moved clock agree. */
  now: () => Date;
};
