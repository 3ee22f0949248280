// The one line a person reads when the database is damaged, wherever it shows: at open (quick_check in
// open.ts) or at first use of a read-only connection (SQLITE_CORRUPT from any statement). It names the
// newest backup that passes quick_check and the command that puts it back, or says there is none.
import { join } from 'node:path';
import { defaultDataDir } from '../paths.ts';
import { backupsDir, newestGoodBackup } from './backup.ts';
import { DamagedDatabaseError, databaseFileName, isDamageError } from './open.ts';

/** One line, however SQLite worded it (integrityProblem already returns one). */
const oneLineFinding = (finding: string): string => {
  const line = finding.replace(/\s+/g, ' ').trim();
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
};

const readableTime = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/**
 * The one-line message for a damaged database, or null when `error` is not about damage. Give it any
 * error a database call threw (a DamagedDatabaseError from opening, or SQLITE_CORRUPT / SQLITE_NOTADB
 * from a statement).
 */
export function damagedDatabaseMessage(
  error: unknown,
  dataDir: string,
  nativeBinding?: string,
): string | null {
  if (!(error instanceof DamagedDatabaseError) && !isDamageError(error)) return null;
  const file = error instanceof DamagedDatabaseError ? error.file : join(dataDir, databaseFileName);
  const finding = oneLineFinding(
    error instanceof DamagedDatabaseError ? error.finding : (error as Error).message,
  );
  const dirFlag =
    dataDir === defaultDataDir()
      ? ''
      : ` --data-dir ${/\s/.test(dataDir) ? JSON.stringify(dataDir) : dataDir}`;
  const backup = newestGoodBackup(dataDir, nativeBinding);
  if (!backup) {
    return `The database ${file} is damaged (${finding}) and there is no good backup in ${backupsDir(dataDir)}: move the file aside (it was left untouched) and run "rowcol sync --all${dirFlag}" to fetch the books again from QuickBooks.`;
  }
  return `The database ${file} is damaged (${finding}). The newest good backup is ${backup.name} (${readableTime(backup.takenAt)}): run "rowcol restore${dirFlag}" to put it back (the damaged file is kept aside), then "rowcol sync --all${dirFlag}".`;
}
