// Where the 32-byte token key of a data folder comes from, the same for the window and the CLI:
//   1. ROWCOL_TOKEN_KEY (base64), explicit, for CI and servers;
//   2. the OS keychain (keychain.ts): service "RowCol", account = the data folder's real path, so two
//      data folders have two keys and a symlinked or relative path finds the same one;
//   3. only where no keychain can be reached: `<dataDir>/token.key`, mode 0600, announced once on stderr.
// A key file left from a machine or session without a keychain moves into the keychain as soon as one is
// reachable: written there, read back, and only then is the file removed, so the key is never lost.
// Honest limit of the file: it sits next to the database, so anyone who can read this user's files can
// read both; it protects a copied database or backup, not an account someone else can read.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { CodedError } from '../../core/result.ts';
import { keychainService, reasonOf, type Keychain, type KeychainAccess } from './keychain.ts';

export const tokenKeyFileName = 'token.key';

export type KeySource = 'env' | 'keychain' | 'file';

export type TokenKey = {
  key: Buffer;
  source: KeySource;
  /** Keys that may still open rows sealed earlier: a key file beside a different keychain key. */
  older: Buffer[];
  /** Removes that key file, once every saved row opens with `key`; returns the line saying so. */
  retireOlder?: () => string;
  /** One line for stderr: the file fallback (the first time), or the key having moved into the keychain. */
  notice?: string;
  /** With the file key: why the keychain was not used (it may hold the key that sealed older rows). */
  keychainProblem?: string;
};

export type ResolveKeyOptions = {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  keychain: KeychainAccess;
  /** Runs `fn` while no other process on this data folder can (the database's write lock). */
  exclusive: <T>(fn: () => T) => T;
};

export function decodeKey(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32)
    throw new CodedError(
      'UNAVAILABLE',
      `${where} must hold 32 bytes in base64 (it holds ${key.length}).`,
    );
  return key;
}

/** The keychain account of a data folder: its real path, the same however the folder was named. */
export const keychainAccountOf = (dataDir: string): string => realpathSync.native(dataDir);

export function resolveTokenKey(o: ResolveKeyOptions): TokenKey {
  if (o.env.ROWCOL_TOKEN_KEY)
    return { key: decodeKey(o.env.ROWCOL_TOKEN_KEY, 'ROWCOL_TOKEN_KEY'), source: 'env', older: [] };
  const file = join(o.dataDir, tokenKeyFileName);
  let problem: string;
  if ('keychain' in o.keychain) {
    try {
      return fromKeychain(o, o.keychain.keychain, file);
    } catch (error) {
      // A key we cannot decode, or a key file others can read, is a problem to fix, not a reason to
      // make another key; anything else means this session cannot use the keychain.
      if (error instanceof CodedError) throw error;
      problem = reasonOf(error);
    }
  } else problem = o.keychain.unavailable;
  return fromFile(file, problem);
}

function fromKeychain(o: ResolveKeyOptions, keychain: Keychain, file: string): TokenKey {
  const account = keychainAccountOf(o.dataDir);
  const fileKey = existsSync(file) ? readKeyFile(file) : undefined;
  let stored = keychain.read(account);
  if (stored === undefined) {
    // The keychain has no "create if absent": two processes could each write their own key, and one of
    // them would seal rows with a key that is gone. Under the database's write lock the second one
    // waits, reads again and takes the first one's key.
    stored = o.exclusive(() => {
      const again = keychain.read(account);
      if (again !== undefined) return again;
      keychain.write(account, (fileKey ?? randomBytes(32)).toString('base64'));
      const back = keychain.read(account);
      if (back === undefined) throw new Error('the keychain did not keep the token key');
      return back;
    });
  }
  const key = decodeKey(
    stored,
    `The token key in the system keychain (service ${keychainService}, account ${account})`,
  );
  if (!fileKey) return { key, source: 'keychain', older: [] };
  if (fileKey.equals(key)) {
    // In the keychain and read back: the file is now only a second copy lying next to the database.
    rmSync(file, { force: true });
    return {
      key,
      source: 'keychain',
      older: [],
      notice: `The token key moved from ${file} into the system keychain; the file was removed.`,
    };
  }
  // Both exist and differ (rows were sealed in a session without the keychain): keep the file until
  // every row it sealed has been sealed again with the keychain key.
  const retireOlder = (): string => {
    rmSync(file, { force: true });
    return `Every saved connection now uses the token key in the system keychain; ${file} was removed.`;
  };
  return { key, source: 'keychain', older: [fileKey], retireOlder };
}

function fromFile(file: string, problem: string): TokenKey {
  const created = !existsSync(file) && createKeyFile(file);
  return {
    key: readKeyFile(file),
    source: 'file',
    older: [],
    keychainProblem: problem,
    notice: created
      ? `No system keychain is used (${problem}): the token key is kept in ${file} (mode 0600).`
      : undefined,
  };
}

/** Creates the key file whole or not at all; false when another process created it first. */
export function createKeyFile(file: string): boolean {
  // Written under a private name, then linked into place: link fails if the file exists, and a reader
  // never sees a half-written key (an 'wx' open would show an empty file for a moment).
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    const fd = openSync(draft, 'wx', 0o600);
    try {
      writeSync(fd, randomBytes(32).toString('base64') + '\n');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    linkSync(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new CodedError(
      'UNAVAILABLE',
      `Cannot create the token key ${file}: ${(error as Error).message}`,
    );
  } finally {
    rmSync(draft, { force: true });
  }
}

export function readKeyFile(file: string): Buffer {
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
    throw new CodedError(
      'UNAVAILABLE',
      `The token key ${file} can be read by other users; run \`chmod 600 ${file}\` and try again.`,
    );
  }
  return decodeKey(readFileSync(file, 'utf8'), file);
}
