// The one token vault of the window and the CLI: sealed blobs in `client_tokens`, never plain text.
// One format, `v1.` = AES-256-GCM (node:crypto) with `advisorId/businessId` as associated data, under
// the data folder's 32-byte key from token-key.ts (ROWCOL_TOKEN_KEY > OS keychain > key file where no
// keychain exists). Both processes run this same code, so a client connected in one syncs in the other.
// Rows of earlier versions are sealed again in this format when met: `safe.` blobs of the old window
// (Electron safeStorage: opened only through the decrypt function the app passes in, as nothing here may
// import electron) and `v1.` blobs under a key file that a keychain key has replaced.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { CodedError } from '../../core/result.ts';
import type { Db } from '../db/open.ts';
import { writeTransaction } from '../db/transaction.ts';
import {
  deleteSealedTokens,
  getSealedTokens,
  listSealedTokens,
  putSealedTokens,
  replaceSealedTokens,
  type SealedRow,
} from '../db/repositories/client-tokens.ts';
import { openOsKeychain, type KeychainAccess } from './keychain.ts';
import { resolveTokenKey, type KeySource, type TokenKey } from './token-key.ts';
import { isTokens, type Sealer, type TokenVault, type Tokens } from './tokens.ts';

export { tokenKeyFileName, type KeySource } from './token-key.ts';

/** Electron's `safeStorage.decryptString`, as earlier app versions sealed with it (`safe.` + base64). */
export type LegacyDecrypt = (encrypted: Buffer) => string;

export type OpenTokenVaultOptions = {
  db: Db;
  advisorId: string;
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  /** The app only: reads `safe.` rows of earlier app versions, which are then sealed again as `v1.`. */
  legacyDecrypt?: LegacyDecrypt;
  /** Defaults to the OS keychain (keychain.ts). */
  keychain?: KeychainAccess;
  now?: () => Date;
};

export type OpenedTokenVault = {
  vault: TokenVault;
  keySource: KeySource;
  /** One line the caller shows once (stderr in the CLI): the key file fallback, or the key moved into the keychain. */
  notice?: string;
};

const legacyPrefix = 'safe.';

/** AES-256-GCM; the business id is authenticated data, so a blob moved to another client fails to open. */
export function aesGcmSealer(key: Buffer): Sealer {
  return {
    seal(plain, aad) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(aad, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    open(sealed, aad) {
      if (!sealed.startsWith('v1.')) throw new Error('unknown token format');
      const raw = Buffer.from(sealed.slice(3), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/** Opens a blob in any format this data folder may hold, and says with what: all but `current` are sealed again. */
export type Opened = { plain: string; via: 'current' | 'older key' | 'legacy' };
export type Opener = (row: SealedRow) => Opened;

function openerFor(
  key: TokenKey,
  legacyDecrypt: LegacyDecrypt | undefined,
): { sealer: Sealer; open: Opener } {
  const sealer = aesGcmSealer(key.key);
  const older = key.older.map(aesGcmSealer);
  const aadOf = (row: SealedRow) => `${row.advisorId}/${row.businessId}`;
  const cannot = (row: SealedRow, why: string) =>
    new CodedError('AUTH_REQUIRED', `The saved QuickBooks connection of ${row.businessId} ${why}`);
  const open: Opener = (row) => {
    if (row.sealed.startsWith(legacyPrefix)) {
      if (!legacyDecrypt)
        throw cannot(
          row,
          'was saved by an earlier version of the RowCol window; open the window once so the CLI can use it too, or connect the client again.',
        );
      try {
        return {
          plain: legacyDecrypt(Buffer.from(row.sealed.slice(legacyPrefix.length), 'base64')),
          via: 'legacy',
        };
      } catch (error) {
        throw cannot(
          row,
          `cannot be opened with this computer's keychain (${(error as Error).message}); connect the client again.`,
        );
      }
    }
    try {
      return { plain: sealer.open(row.sealed, aadOf(row)), via: 'current' };
    } catch {
      for (const s of older) {
        try {
          return { plain: s.open(row.sealed, aadOf(row)), via: 'older key' };
        } catch {
          // the next key, if any
        }
      }
    }
    // The file key in a session that cannot reach the keychain may simply not be the key that sealed it.
    const hint = key.keychainProblem
      ? ` (this session cannot reach the system keychain, which may hold its key: ${key.keychainProblem})`
      : '';
    throw cannot(row, `cannot be decrypted with this key${hint}; connect the client again.`);
  };
  return { sealer, open };
}

/** A vault over the `client_tokens` table: seals with `sealer`, opens with `open` (any known format). */
export function sealedTokenVault(
  db: Db,
  advisorId: string,
  sealer: Sealer,
  o: { open?: Opener; now?: () => Date } = {},
): TokenVault {
  const open =
    o.open ??
    ((row) => ({
      plain: sealer.open(row.sealed, `${row.advisorId}/${row.businessId}`),
      via: 'current',
    }));
  const now = o.now ?? (() => new Date());
  return {
    async save(businessId, tokens) {
      putSealedTokens(
        db,
        advisorId,
        businessId,
        sealer.seal(JSON.stringify(tokens), `${advisorId}/${businessId}`),
        now().toISOString(),
      );
    },
    async load(businessId) {
      const sealed = getSealedTokens(db, advisorId, businessId);
      if (sealed === undefined) return undefined;
      const row = { advisorId, businessId, sealed };
      let opened: Opened;
      try {
        opened = open(row);
      } catch (error) {
        if (error instanceof CodedError) throw error;
        throw new CodedError(
          'AUTH_REQUIRED',
          `The saved QuickBooks connection of ${businessId} cannot be decrypted with this key; connect the client again.`,
        );
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(opened.plain);
      } catch {
        parsed = undefined;
      }
      if (!isTokens(parsed))
        throw new CodedError(
          'AUTH_REQUIRED',
          `The saved QuickBooks connection of ${businessId} is damaged; connect the client again.`,
        );
      if (opened.via !== 'current')
        replaceSealedTokens(db, row, sealer.seal(opened.plain, `${advisorId}/${businessId}`));
      return parsed;
    },
    async remove(businessId) {
      deleteSealedTokens(db, advisorId, businessId);
    },
  };
}

/** Seals every row found in an older format again with the current key; says whether one still needs the older key. */
function resealOlderRows(db: Db, sealer: Sealer, open: Opener): boolean {
  const viaOf = (row: SealedRow): Opened['via'] | undefined => {
    try {
      return open(row).via;
    } catch {
      return undefined; // unreadable with every key: it depends on none of them
    }
  };
  for (const row of listSealedTokens(db)) {
    try {
      const opened = open(row);
      // false when saved again meanwhile by another process: checked below.
      if (opened.via !== 'current')
        replaceSealedTokens(
          db,
          row,
          sealer.seal(opened.plain, `${row.advisorId}/${row.businessId}`),
        );
    } catch {
      // Left as it is: `load` explains it to whoever needs this client.
    }
  }
  return listSealedTokens(db).some((row) => viaOf(row) === 'older key');
}

/**
 * The token vault every RowCol process uses (window, CLI, tests, a later server). Rows in older
 * formats are sealed again now, so after the window has started once the CLI can open all of them.
 */
export function openTokenVault(o: OpenTokenVaultOptions): OpenedTokenVault {
  const env = o.env ?? process.env;
  const key = resolveTokenKey({
    dataDir: o.dataDir,
    env,
    keychain: o.keychain ?? openOsKeychain(env),
    exclusive: (fn) => writeTransaction(o.db, fn),
  });
  const { sealer, open } = openerFor(key, o.legacyDecrypt);
  let notice = key.notice;
  if (key.older.length > 0 || o.legacyDecrypt) {
    const needsOlder = resealOlderRows(o.db, sealer, open);
    // No row depends on the old key file any more: it goes, and the keychain alone holds the key.
    if (!needsOlder && key.retireOlder) notice = key.retireOlder();
  }
  return {
    vault: sealedTokenVault(o.db, o.advisorId, sealer, { open, now: o.now }),
    keySource: key.source,
    notice,
  };
}

/** Stands in when no vault can be opened: the books stay readable offline; anything needing tokens says why. */
export function unavailableTokenVault(reason: string): TokenVault {
  const refuse = async (): Promise<never> => {
    throw new CodedError(
      'UNAVAILABLE',
      `RowCol cannot keep QuickBooks tokens safely on this computer: ${reason} Clients are shown as last synced.`,
    );
  };
  return { save: refuse, load: refuse, remove: refuse };
}

export type { Tokens, TokenVault };
