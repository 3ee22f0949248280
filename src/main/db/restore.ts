// Putting a backup back (`rowcol restore`). The chosen backup is copied beside the database, checked and
// migrated; every table that is not the QBO mirror is then taken from the database being replaced where
// that table is still intact there (it is newer than any backup: decisions, calls and tray choices made
// since the backup survive damage elsewhere in the file); every client's mirror is marked for a
// reconciling full load, so the next sync refetches it from QBO and marks deleted what QBO no longer has.
// Only then is the database swapped: the file being replaced is kept aside under a new name, never deleted.
// Nothing happens while another process has the database open (the app, a sync, another command).
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, renameSync, unlinkSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { mirroredEntities, mirrorTableOf } from '../../core/mirror/entities.ts';
import { CodedError } from '../../core/result.ts';
import { putSyncState } from './repositories/sync-state.ts';
import { backupProblem, backupsDir, listBackups, type BackupInfo } from './backup.ts';
import { latestSchemaVersion } from './migrations/index.ts';
import {
  databaseFileName,
  integrityProblem,
  isDamageError,
  migrate,
  schemaVersion,
  type Db,
} from './open.ts';

export type RestoreOptions = {
  /** A backup file: a path, or a name in <dataDir>/backups. Default: the newest backup that passes quick_check. */
  file?: string;
  /** The clock (the CLI's, which ROWCOL_NOW can fix): names the kept-aside file and starts the reconciling load. */
  now?: Date;
  nativeBinding?: string;
};

export type RestoreResult = {
  /** The backup that was put back. */
  from: string;
  /** When it was taken, when its name says so. */
  takenAt: string | null;
  database: string;
  /** The files of the replaced database, under their new names. */
  keptAside: string[];
  /** Tables taken from the replaced database (intact there, and newer than the backup). */
  keptFromReplaced: string[];
  /** Tables that came from the backup because they were damaged (or unreadable) in the replaced database. */
  fromBackup: string[];
  /** Backups skipped because they failed quick_check. */
  skipped: { name: string; problem: string }[];
  /** Clients whose mirror the next sync loads again from QBO. */
  clientsToReload: number;
};

const mirrorTables = new Set<string>(Object.values(mirrorTableOf));
/** Rebuilt from QBO, never carried over: the mirror and its cursors. */
const refetched = (table: string) => mirrorTables.has(table) || table === 'sync_state';

const inUse = (file: string) =>
  new CodedError(
    'CONFLICT',
    `The database ${file} is in use by another RowCol (the desktop app, a sync or another command): close it, then run "rowcol restore" again. Nothing was changed.`,
  );

/**
 * Fails when another connection has the database open. In WAL mode every open connection keeps a shared
 * lock, so an exclusive lock (locking_mode=EXCLUSIVE + BEGIN EXCLUSIVE,
 * https://www.sqlite.org/pragma.html#pragma_locking_mode) is granted only when no other process uses it.
 * A file SQLite cannot read at all is in use by nobody.
 */
function assertNotInUse(file: string, nativeBinding?: string): void {
  if (!existsSync(file)) return;
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: true, nativeBinding, timeout: 2000 });
  } catch {
    return;
  }
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
  } catch (error) {
    const code = String((error as { code?: unknown }).code ?? '');
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) throw inUse(file);
    if (!isDamageError(error))
      throw new CodedError(
        'UNAVAILABLE',
        `Cannot check whether ${file} is in use: ${(error as Error).message}`,
      );
  } finally {
    db.close();
  }
}

function chooseBackup(
  dataDir: string,
  options: RestoreOptions,
): { file: string; info: BackupInfo | null; skipped: RestoreResult['skipped'] } {
  const all = listBackups(dataDir);
  if (options.file !== undefined) {
    const candidates = [resolve(options.file), join(backupsDir(dataDir), basename(options.file))];
    const file = candidates.find((f) => existsSync(f));
    if (!file)
      throw new CodedError(
        'NOT_FOUND',
        `No backup file ${options.file} (looked for ${candidates.join(' and ')}); see "rowcol restore --list".`,
      );
    return { file, info: all.find((b) => b.file === file) ?? null, skipped: [] };
  }
  const skipped: RestoreResult['skipped'] = [];
  for (const b of all) {
    const problem = backupProblem(b.file, options.nativeBinding);
    if (problem === null) return { file: b.file, info: b, skipped };
    skipped.push({ name: b.name, problem });
  }
  throw new CodedError(
    'NOT_FOUND',
    all.length === 0
      ? `There is no backup in ${backupsDir(dataDir)} to restore.`
      : `None of the ${all.length} backups in ${backupsDir(dataDir)} passes quick_check; nothing was restored.`,
  );
}

const tablesOf = (db: Db, schema: string): string[] =>
  (
    db
      .prepare(
        `SELECT name FROM ${schema}.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
      )
      .all() as { name: string }[]
  ).map((r) => r.name);

/**
 * Copies into the staged database every table (mirror and cursors aside) that is intact in the database
 * being replaced, when both are at the same schema version (the same columns in the same order).
 * Rows left pointing at a client the copied `clients` no longer has are removed, as the cascade would have.
 */
function keepNewerTables(staged: Db, replaced: string): { kept: string[]; fromBackup: string[] } {
  const candidates = tablesOf(staged, 'main').filter((t) => !refetched(t));
  try {
    staged.prepare('ATTACH DATABASE ? AS replaced').run(replaced);
  } catch {
    return { kept: [], fromBackup: candidates };
  }
  try {
    let version: number;
    try {
      version = staged.pragma('replaced.user_version', { simple: true }) as number;
    } catch {
      return { kept: [], fromBackup: candidates };
    }
    if (version !== latestSchemaVersion) return { kept: [], fromBackup: candidates };
    const there = new Set(tablesOf(staged, 'replaced'));
    const kept: string[] = [];
    for (const table of candidates) {
      if (!there.has(table) || integrityProblem(staged, 'replaced', table) !== null) continue;
      try {
        staged.transaction(() => {
          staged.exec(`DELETE FROM main."${table}"`);
          staged.exec(`INSERT INTO main."${table}" SELECT * FROM replaced."${table}"`);
        })();
        kept.push(table);
      } catch {
        // Unreadable after all (damage quick_check did not see): this table stays as the backup has it.
      }
    }
    const orphans = staged.pragma('main.foreign_key_check') as { table: string; rowid: number }[];
    for (const o of orphans)
      staged.prepare(`DELETE FROM main."${o.table}" WHERE rowid = ?`).run(o.rowid);
    return { kept, fromBackup: candidates.filter((t) => !kept.includes(t)) };
  } finally {
    staged.exec('DETACH DATABASE replaced');
  }
}

/** Every client's every mirrored entity: a reconciling full load from the first page at the next sync. */
function markForFreshLoad(db: Db, now: Date): number {
  const clients = db
    .prepare('SELECT advisor_id AS advisorId, business_id AS businessId FROM clients')
    .all() as { advisorId: string; businessId: string }[];
  db.transaction(() => {
    for (const scope of clients) {
      for (const entity of mirroredEntities)
        putSyncState(db, scope, entity, {
          cursor: null,
          fullLoadPosition: 1,
          reconcileFrom: now.toISOString(),
        });
    }
  })();
  return clients.length;
}

const stampOf = (at: Date) =>
  at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // not there
  }
}

export function restoreBackup(dataDir: string, options: RestoreOptions = {}): RestoreResult {
  const now = options.now ?? new Date();
  const database = join(dataDir, databaseFileName);
  const chosen = chooseBackup(dataDir, options);
  assertNotInUse(database, options.nativeBinding);

  const staging = join(dataDir, `.rowcol-restoring-${process.pid}.db`);
  for (const suffix of ['', '-wal', '-shm', '-journal']) removeQuietly(staging + suffix);
  copyFileSync(chosen.file, staging);
  // A copy made by hand from a live database may have its last transactions in a -wal beside it.
  if (existsSync(`${chosen.file}-wal`)) copyFileSync(`${chosen.file}-wal`, `${staging}-wal`);
  let clientsToReload: number;
  let tables: { kept: string[]; fromBackup: string[] };
  try {
    const staged = new Database(staging, { nativeBinding: options.nativeBinding });
    try {
      // better-sqlite3 turns foreign keys on: replacing `clients` must not cascade into the other tables
      // (the check after the copy removes what is really left without its client).
      staged.pragma('foreign_keys = OFF');
      staged.pragma('journal_mode = DELETE');
      const problem = integrityProblem(staged);
      if (problem !== null)
        throw new CodedError(
          'UNAVAILABLE',
          `The backup ${chosen.file} is damaged (${problem}); nothing was restored.`,
        );
      const version = schemaVersion(staged);
      if (version > latestSchemaVersion) {
        throw new CodedError(
          'UNAVAILABLE',
          `The backup ${chosen.file} was written by a newer version of RowCol (schema ${version}); update RowCol to restore it.`,
        );
      }
      migrate(staged, version);
      tables = existsSync(database)
        ? keepNewerTables(staged, database)
        : { kept: [], fromBackup: [] };
      clientsToReload = markForFreshLoad(staged, now);
    } finally {
      staged.close();
    }
  } catch (error) {
    for (const suffix of ['', '-wal', '-shm', '-journal']) removeQuietly(staging + suffix);
    if (error instanceof CodedError) throw error;
    if (isDamageError(error))
      throw new CodedError(
        'UNAVAILABLE',
        `The backup ${chosen.file} is damaged (${(error as Error).message}); nothing was restored.`,
      );
    throw new CodedError(
      'UNAVAILABLE',
      `Cannot restore ${chosen.file}: ${(error as Error).message}`,
    );
  }

  // Checked again just before the swap: a RowCol started while the copy was prepared must not lose it.
  try {
    assertNotInUse(database, options.nativeBinding);
  } catch (error) {
    removeQuietly(staging);
    throw error;
  }
  const keptAside: string[] = [];
  const aside = join(dataDir, `rowcol-before-restore-${stampOf(now)}.db`);
  for (const suffix of ['', '-wal', '-shm']) {
    if (!existsSync(database + suffix)) continue;
    renameSync(database + suffix, aside + suffix);
    keptAside.push(aside + suffix);
  }
  renameSync(staging, database);
  return {
    from: chosen.file,
    takenAt: chosen.info?.takenAt ?? null,
    database,
    keptAside,
    keptFromReplaced: tables.kept,
    fromBackup: tables.fromBackup,
    skipped: chosen.skipped,
    clientsToReload,
  };
}
