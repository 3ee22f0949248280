import { accessSync, constants, mkdirSync, statSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CodedError } from '../../core/result.ts';
import { damagedDatabaseMessage } from './damaged.ts';
import {
  DamagedDatabaseError,
  databaseFileName,
  openDatabase,
  type Db,
  type OpenOptions,
} from './open.ts';

/** Makes sure the data folder exists and can be written, with a message a person can act on. */
const reasons: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOTDIR: 'part of that path is a file',
  ENOSPC: 'the disk is full',
  ELOOP: 'the path loops through symbolic links',
  ENAMETOOLONG: 'the path is too long',
};

const why = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return reasons[code] ?? (error as Error).message;
};

const fail = (message: string): never => {
  throw new CodedError('UNAVAILABLE', message);
};

function statOrNull(path: string, dir: string): Stats | null {
  try {
    return statSync(path, { throwIfNoEntry: false }) ?? null;
  } catch (error) {
    // A file higher up (`afile/x`): keep walking up, the loop below names that file.
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
    return fail(`Cannot create the data folder ${dir}: ${why(error)}.`);
  }
}

/**
 * Creates the missing levels one at a time below the nearest folder that exists. Node's recursive mkdir
 * is not used: on procfs (`/proc/x`) mkdir answers ENOENT although the parent exists, and the recursive
 * version keeps retrying the parent for minutes; here that answer is final, so the error comes at once.
 */
function createLevels(dir: string): void {
  const missing: string[] = [];
  let at = dir;
  let found = statOrNull(at, dir);
  while (!found) {
    missing.unshift(at);
    const parent = dirname(at);
    if (parent === at)
      return fail(`Cannot create the data folder ${dir}: its drive or root does not exist.`);
    at = parent;
    found = statOrNull(at, dir);
  }
  if (!found.isDirectory()) {
    return fail(
      at === dir
        ? `The data folder ${dir} is a file, not a folder.`
        : `Cannot create the data folder ${dir}: part of that path is a file (${at}).`,
    );
  }
  for (const level of missing) {
    try {
      mkdirSync(level);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && statOrNull(level, dir)?.isDirectory()) continue; // another process made it
      if (code === 'ENOENT')
        return fail(
          `Cannot create the data folder ${dir}: ${dirname(level)} does not accept new folders.`,
        );
      return fail(`Cannot create the data folder ${dir}: ${why(error)}.`);
    }
  }
}

export function prepareDataDir(dir: string): void {
  const full = resolve(dir);
  createLevels(full);
  try {
    accessSync(full, constants.R_OK | constants.W_OK);
  } catch {
    fail(`The data folder ${dir} cannot be read and written by this user.`);
  }
}

/** Opens the data folder's database; a damaged one is refused with the line that names the way back. */
export function openDataDir(dir: string, options: OpenOptions = {}): Db {
  prepareDataDir(dir);
  try {
    return openDatabase(join(dir, databaseFileName), options);
  } catch (error) {
    if (error instanceof DamagedDatabaseError)
      throw new DamagedDatabaseError(
        error.file,
        error.finding,
        damagedDatabaseMessage(error, dir, options.nativeBinding)!,
      );
    throw error;
  }
}
