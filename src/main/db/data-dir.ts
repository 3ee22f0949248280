import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CodedError } from '../../core/result.ts';
import { databaseFileName, openDatabase, type Db, type OpenOptions } from './open.ts';

/** Makes sure the data folder exists and can be written, with a message a person can act on. */
const reasons: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOTDIR: 'part of that path is a file',
  ENOSPC: 'the disk is full',
};

export function prepareDataDir(dir: string): void {
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new CodedError('UNAVAILABLE', `The data folder ${dir} is a file, not a folder.`);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new CodedError('UNAVAILABLE', `Cannot create the data folder ${dir}: ${reasons[code] ?? (error as Error).message}.`);
  }
  try {
    accessSync(dir, constants.R_OK | constants.W_OK);
  } catch {
    throw new CodedError('UNAVAILABLE', `The data folder ${dir} cannot be read and written by this user.`);
  }
}

export function openDataDir(dir: string, options: OpenOptions = {}): Db {
  prepareDataDir(dir);
  return openDatabase(join(dir, databaseFileName), options);
}
