// Copies of the database in <dataDir>/backups, taken with SQLite's online backup API while the app and
// syncs keep using it (https://www.sqlite.org/backup.html). A copy counts only once PRAGMA quick_check
// passes on it, so a damaged database never produces a "backup" and never pushes a good one out; the
// newest `keptBackups` are kept. The mirror in a backup can always be fetched again from QBO; what a
// backup is for is the advisor's own work (decisions, calls, tray choices, digests).
import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { CodedError } from '../../core/result.ts';
import { DamagedDatabaseError, integrityProblem, nativeBindingOf, type Db } from './open.ts';

export const backupsFolderName = 'backups';
export const keptBackups = 7;
const dayMs = 86_400_000;

export type BackupInfo = {
  /** Full path of the backup file. */
  file: string;
  name: string;
  /** When it was taken (from its name: the name carries the date), ISO 8601 UTC. */
  takenAt: string;
  bytes: number;
};

export type BackupResult = BackupInfo & { removed: string[] };

export const backupsDir = (dataDir: string): string => join(dataDir, backupsFolderName);

// rowcol-2026-11-26T09-00-00Z.db: ISO time with ':' replaced (not allowed in Windows file names); the
// names sort in time order.
const namePattern = /^rowcol-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z\.db$/;
const nameFor = (at: Date): string =>
  `rowcol-${at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-')}.db`;

function takenAtOf(name: string): string | null {
  const m = namePattern.exec(name);
  if (!m) return null;
  const at = `${m[1]}T${m[2]}:${m[3]}:${m[4]}Z`;
  return Number.isNaN(Date.parse(at)) ? null : at;
}

/** The backups in the data folder, newest first (files whose names RowCol did not give are ignored). */
export function listBackups(dataDir: string): BackupInfo[] {
  let names: string[];
  try {
    names = readdirSync(backupsDir(dataDir));
  } catch {
    return [];
  }
  const out: BackupInfo[] = [];
  for (const name of names) {
    const takenAt = takenAtOf(name);
    if (!takenAt) continue;
    const file = join(backupsDir(dataDir), name);
    try {
      out.push({ file, name, takenAt, bytes: statSync(file).size });
    } catch {
      // Removed by another process between the listing and the stat.
    }
  }
  return out.sort((a, b) => b.name.localeCompare(a.name));
}

/**
 * What is wrong with a backup file, or null when quick_check passes. Backup files are single files in
 * rollback-journal mode (see backupNow), so a read-only connection reads them without creating anything.
 */
export function backupProblem(file: string, nativeBinding?: string): string | null {
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, nativeBinding });
  } catch (error) {
    return (error as Error).message;
  }
  try {
    return integrityProblem(db);
  } catch (error) {
    return (error as Error).message;
  } finally {
    db.close();
  }
}

/** The newest backup that passes quick_check, or null. */
export function newestGoodBackup(dataDir: string, nativeBinding?: string): BackupInfo | null {
  for (const b of listBackups(dataDir)) if (backupProblem(b.file, nativeBinding) === null) return b;
  return null;
}

/**
 * Takes a backup now. The copy is written under a temporary name, turned into a single self-contained
 * file (journal_mode=DELETE: no -wal beside it) and checked; only then does it get its dated name and
 * the oldest beyond `keptBackups` are removed. A damaged database is refused, and the backups already
 * there stay as they are.
 */
export async function backupNow(
  db: Db,
  dataDir: string,
  now: Date = new Date(),
): Promise<BackupResult> {
  const dir = backupsDir(dataDir);
  mkdirSync(dir, { recursive: true });
  const name = nameFor(now);
  const partial = join(dir, `.${name}.${process.pid}.partial`);
  try {
    // All remaining pages in one step: a step after which another connection (a sync in another process)
    // writes would restart the copy from the first page, so small steps may never finish on a busy
    // database. One step reads one consistent snapshot; in WAL mode writers go on meanwhile.
    await db.backup(partial, { progress: ({ remainingPages }) => Math.max(remainingPages, 1) });
    const copy = new Database(partial, { nativeBinding: nativeBindingOf(db) });
    let problem: string | null;
    try {
      copy.pragma('journal_mode = DELETE');
      problem = integrityProblem(copy);
    } finally {
      copy.close();
    }
    if (problem !== null)
      throw new DamagedDatabaseError(
        db.name,
        problem,
        `The database ${db.name} is damaged (${problem}): no backup was taken, and the existing ones were kept.`,
      );
    renameSync(partial, join(dir, name));
  } catch (error) {
    removeQuietly(partial);
    removeQuietly(`${partial}-journal`);
    if (error instanceof CodedError) throw error;
    throw new CodedError(
      'UNAVAILABLE',
      `Cannot write a backup in ${dir}: ${(error as Error).message}`,
    );
  }
  const removed: string[] = [];
  for (const old of listBackups(dataDir).slice(keptBackups)) {
    if (removeQuietly(old.file)) removed.push(old.file);
  }
  removeAbandonedPartials(dir);
  const file = join(dir, name);
  return { file, name, takenAt: takenAtOf(name)!, bytes: statSync(file).size, removed };
}

/**
 * Takes a backup when none was taken in the last day; null when none was due. A backup dated after `now`
 * (a clock set back) does not count as recent, or none would be taken until that date.
 */
export async function backupIfDue(
  db: Db,
  dataDir: string,
  now: Date = new Date(),
): Promise<BackupResult | null> {
  const age = (b: BackupInfo) => now.getTime() - Date.parse(b.takenAt);
  if (listBackups(dataDir).some((b) => age(b) >= 0 && age(b) < dayMs)) return null;
  return backupNow(db, dataDir, now);
}

/** Copies left by a process that died mid-backup (a day old: another process may be writing one now). */
function removeAbandonedPartials(dir: string): void {
  for (const name of readdirSync(dir)) {
    if (!/^\.rowcol-.+\.partial(-journal)?$/.test(name)) continue;
    const file = join(dir, name);
    try {
      if (Date.now() - statSync(file).mtimeMs > dayMs) removeQuietly(file);
    } catch {
      // gone already
    }
  }
}

function removeQuietly(file: string): boolean {
  try {
    unlinkSync(file);
    return true;
  } catch {
    return false;
  }
}
