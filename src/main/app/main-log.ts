// The desktop app's log file (<dataDir>/logs/main.log), opened by "Open logs folder" in the menu: what
// the main process says on stderr (notices, background sync failures) with the time, so an advisor can
// send it when something went wrong. Plain Node (no electron import), unit-tested. Lines are the ones the
// runtime already prints, which never hold tokens or secrets. Kept small: at 2 MB the file moves to
// main.1.log (the one before is dropped).
import { appendFileSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';

export const mainLogName = 'main.log';
export const logsFolder = (dataDir: string): string => join(dataDir, 'logs');

export type MainLog = { file: string; write(line: string): void };

export function openMainLog(dir: string, o: { maxBytes?: number; now?: () => Date } = {}): MainLog {
  const file = join(dir, mainLogName);
  const maxBytes = o.maxBytes ?? 2 * 1024 * 1024;
  const now = o.now ?? (() => new Date());
  return {
    file,
    write(line) {
      try {
        // One level only (the data folder exists): Node's recursive mkdir can spin for minutes on
        // procfs-like paths (see db/data-dir.ts).
        if (!existsSync(dir)) mkdirSync(dir);
        let size = 0;
        try {
          size = statSync(file).size;
        } catch {
          // no file yet
        }
        if (size >= maxBytes) renameSync(file, join(dir, 'main.1.log'));
        const text = line.replace(/\s+$/, '');
        appendFileSync(file, `${now().toISOString()} ${text}\n`, { mode: 0o600 });
      } catch {
        // A log that cannot be written must never take the app down.
      }
    },
  };
}

/** Tees console.error and console.warn into the log; returns the function that undoes it. */
export function captureConsole(log: MainLog): () => void {
  const { error, warn } = console;
  console.error = (...args: unknown[]) => {
    log.write(format(...args));
    error(...args);
  };
  console.warn = (...args: unknown[]) => {
    log.write(format(...args));
    warn(...args);
  };
  return () => {
    console.error = error;
    console.warn = warn;
  };
}
