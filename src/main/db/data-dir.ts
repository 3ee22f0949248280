import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CodedError } from '../../core/result.ts';
import { databaseFileName, openDatabase, type Db, type OpenOptions } from './open.ts';

/** Makes sure the data folder exists and can be written, with a message a person can act on. */
export function prepareDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new CodedError('UNAVAILABLE', `Cannot create the data folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
  if (!statSync(dir).isDirectory()) throw new CodedError('UNAVAILABLE', `The data folder ${dir} is a file, not a folder.`);
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
