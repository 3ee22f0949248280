// The one place the database is opened. It chooses the native binding (Node's or Electron's ABI), sets
// the pragmas, refuses files it must not touch, and applies pending migrations in one transaction.
import Database from 'better-sqlite3';
import { existsSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CodedError } from '../../core/result.ts';
import { latestSchemaVersion, migrations } from './migrations/index.ts';

export type Db = Database.Database;

export const databaseFileName = 'rowcol.db';

// https://www.sqlite.org/fileformat.html#the_database_header
const sqliteHeader = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Inside Electron the module must be the copy built for Electron's ABI (scripts/native-for-electron.mjs
 * puts it in native/electron/); plain Node (CLI, tests) uses the build in node_modules.
 */
export function nativeBindingPath(appRoot: string): string | undefined {
  if (!process.versions.electron) return undefined;
  const candidate = join(appRoot, 'native', 'electron', 'better_sqlite3.node');
  return existsSync(candidate) ? candidate : undefined;
}

/**
 * A database file SQLite cannot read as a whole: its header is not SQLite's, or PRAGMA quick_check found
 * damaged pages. `openDataDir` turns it into the one line that names the newest good backup
 * (db/damaged.ts); the file is never written or moved here.
 */
export class DamagedDatabaseError extends CodedError {
  constructor(
    readonly file: string,
    /** What SQLite said (the first quick_check finding, or the error), for the log and the message. */
    readonly finding: string,
    message = `${file} is damaged and cannot be read (${finding}); it was left untouched.`,
  ) {
    super('UNAVAILABLE', message);
  }
}

const damageCodes = new Set([
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
  'SQLITE_CORRUPT_INDEX',
  'SQLITE_CORRUPT_SEQUENCE',
  'SQLITE_CORRUPT_VTAB',
]);
/** True for SQLite's "the file is damaged" errors (SQLITE_CORRUPT and its extended codes, SQLITE_NOTADB). */
export const isDamageError = (error: unknown): boolean =>
  damageCodes.has(String((error as { code?: unknown })?.code ?? ''));

/**
 * The first problem PRAGMA quick_check finds in a database (https://www.sqlite.org/pragma.html#pragma_quick_check:
 * every page readable and well-formed, every b-tree in order, no index/table cross-check), or null when it
 * finds none. `schema` names an attached database; `table` limits the check to one table and its indexes.
 * Damage bad enough that SQLite throws instead of reporting is returned as its message.
 */
export function integrityProblem(db: Db, schema = 'main', table?: string): string | null {
  let findings: string[];
  try {
    findings = (
      db.pragma(`${schema}.quick_check${table ? `(${table})` : ''}`) as { quick_check: string }[]
    ).map((r) => r.quick_check);
  } catch (error) {
    if (isDamageError(error)) return (error as Error).message;
    throw error;
  }
  if (findings.length === 1 && findings[0] === 'ok') return null;
  // One line for a person: the first finding, and how many more (each row may hold several lines, and
  // some start with "*** in database main ***").
  const lines = findings
    .flatMap((f) => f.split('\n'))
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('*** in database'));
  const first = lines[0] ?? 'quick_check failed';
  return `${first.length > 120 ? `${first.slice(0, 117)}...` : first}${lines.length > 1 ? ` (and ${lines.length - 1} more)` : ''}`;
}

function assertLooksLikeSqlite(file: string): void {
  if (!existsSync(file)) return;
  if (statSync(file).size === 0) return;
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(sqliteHeader.length);
    readSync(fd, head, 0, head.length, 0);
    if (!head.equals(sqliteHeader)) {
      throw new DamagedDatabaseError(
        file,
        "not a RowCol database (its header is not SQLite's)",
        `${file} is not a RowCol database (the file is damaged or of another kind); it was left untouched.`,
      );
    }
  } finally {
    closeSync(fd);
  }
}

export type OpenOptions = {
  nativeBinding?: string;
  readonly?: boolean;
  /**
   * Run PRAGMA quick_check before anything else touches the file (default: when opened for writing, so a
   * damaged file is refused before a sync or a migration writes into it). About 30 ms per 50,000 mirror
   * records, warm cache (`npm run bench db-integrity`); read-only opens skip it and meet damage, if any,
   * at first use (db/damaged.ts maps that to the same one line).
   */
  check?: boolean;
};

/** Checkpoint every ~80 MB of WAL (8 KiB pages); see the pragmas below. */
export const walAutocheckpointPages = 10_000;

const bindings = new WeakMap<Db, string>();
/** The native binding a database was opened with (Electron's ABI), for a worker that opens it again. */
export const nativeBindingOf = (db: Db): string | undefined => bindings.get(db);

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  assertLooksLikeSqlite(file);
  let db: Db;
  try {
    db = new Database(file, {
      nativeBinding: options.nativeBinding,
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
    });
  } catch (error) {
    if (
      (error as { code?: string }).code === 'SQLITE_CANTOPEN' &&
      !existsSync(file) &&
      !options.readonly
    ) {
      throw new CodedError(
        'UNAVAILABLE',
        `Cannot create the database ${file}: the folder does not accept new files or cannot be written.`,
      );
    }
    throw new CodedError(
      'UNAVAILABLE',
      `Cannot open the database ${file}: ${(error as Error).message}`,
    );
  }
  try {
    // Before the first read: another process may be checkpointing or recovering the WAL.
    db.pragma('busy_timeout = 5000');
    // Read the version before any pragma that writes, so a newer or damaged file is left as it was.
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > latestSchemaVersion) {
      throw new CodedError(
        'UNAVAILABLE',
        `This database was written by a newer version of RowCol (schema ${version}; this version knows up to ${latestSchemaVersion}). Update RowCol to open it.`,
      );
    }
    // Bulk sync writes: checkpointing every ~80 MB of WAL instead of every 8 MB writes hot index pages
    // back far less often (measured in `npm run bench sync`); the WAL file is trimmed back after each
    // checkpoint. A 16 MB page cache: the mirror's keys arrive in order, so a first load touches the
    // ends of its indexes only, and upserts ran as fast with 8 MB as with 64 MB, which cost a sync
    // ~50 MB of resident memory (issue 14: peak RSS). Set before the check, which reads every page.
    db.pragma('cache_size = -16384');
    if (options.check ?? !options.readonly) {
      const problem = integrityProblem(db);
      if (problem !== null) throw new DamagedDatabaseError(file, problem);
    }
    if (!options.readonly) {
      // A new file gets 8 KiB pages: mirror rows carry ~1 KB of raw QBO JSON, and bigger pages make bulk
      // upserts markedly faster (measured in `npm run bench sync`). Only possible before WAL and the
      // first table (https://www.sqlite.org/pragma.html#pragma_page_size).
      if (version === 0 && isEmpty(db)) db.pragma('page_size = 8192');
      // https://www.sqlite.org/pragma.html — WAL lets the UI read while sync writes.
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    if (!options.readonly) {
      db.pragma(`wal_autocheckpoint = ${walAutocheckpointPages}`);
      db.pragma('journal_size_limit = 67108864');
    }
    db.pragma('foreign_keys = ON');
    if (!options.readonly) migrate(db, version);
    if (options.nativeBinding) bindings.set(db, options.nativeBinding);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof CodedError) throw error;
    if (isDamageError(error)) throw new DamagedDatabaseError(file, (error as Error).message);
    throw new CodedError(
      'UNAVAILABLE',
      `Cannot use the database ${file}: ${(error as Error).message}`,
    );
  }
}

const isEmpty = (db: Db): boolean =>
  (db.prepare('SELECT COUNT(*) AS n FROM sqlite_schema').get() as { n: number }).n === 0;

/** Applies every pending migration in one transaction: all of them or none. */
export function migrate(db: Db, fromVersion: number): void {
  if (fromVersion >= latestSchemaVersion) return;
  db.transaction(() => {
    for (let n = fromVersion; n < latestSchemaVersion; n++) db.exec(migrations[n]!);
    db.pragma(`user_version = ${latestSchemaVersion}`);
  }).immediate();
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}
