// Token storage: sealed blobs in `client_tokens`, the key kept outside the database.
// Headless (CLI, tests): AES-256-GCM (node:crypto) with a 32-byte key from env ROWCOL_TOKEN_KEY (base64)
// or from `<dataDir>/token.key`, created with mode 0600. Honest limits: the key file sits next to the
// database, so anyone who can read this user's files can read both; it protects a copied database or
// backup, not a compromised account. The desktop app uses the OS keychain through Electron safeStorage
// (src/main/app/token-vault-electron.ts), which is stronger.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CodedError } from '../../core/result.ts';
import type { Db } from '../db/open.ts';
import { deleteSealedTokens, getSealedTokens, putSealedTokens } from '../db/repositories/client-tokens.ts';
import { isTokens, type Sealer, type TokenVault, type Tokens } from './tokens.ts';

export const tokenKeyFileName = 'token.key';

function decodeKey(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new CodedError('UNAVAILABLE', `${where} must hold 32 bytes in base64 (it holds ${key.length}).`);
  return key;
}

/** The key from ROWCOL_TOKEN_KEY, else the key file (created on first use with mode 0600). */
export function loadTokenKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  if (env.ROWCOL_TOKEN_KEY) return decodeKey(env.ROWCOL_TOKEN_KEY, 'ROWCOL_TOKEN_KEY');
  const file = join(dataDir, tokenKeyFileName);
  if (!existsSync(file)) {
    try {
      // 'wx': fail if another process created it meanwhile; then read theirs.
      const fd = openSync(file, 'wx', 0o600);
      try {
        writeSync(fd, randomBytes(32).toString('base64') + '\n');
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new CodedError('UNAVAILABLE', `Cannot create the token key ${file}: ${(error as Error).message}`);
    }
  }
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
    throw new CodedError('UNAVAILABLE', `The token key ${file} can be read by other users; run \`chmod 600 ${file}\` and try again.`);
  }
  return decodeKey(readFileSync(file, 'utf8'), file);
}

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

/** A vault over the `client_tokens` table with any sealer (AES-GCM here, safeStorage in the app). */
export function sealedTokenVault(db: Db, advisorId: string, sealer: Sealer, now: () => Date = () => new Date()): TokenVault {
  return {
    async save(businessId, tokens) {
      const sealed = sealer.seal(JSON.stringify(tokens), `${advisorId}/${businessId}`);
      putSealedTokens(db, advisorId, businessId, sealed, now().toISOString());
    },
    async load(businessId) {
      const sealed = getSealedTokens(db, advisorId, businessId);
      if (sealed === undefined) return undefined;
      let parsed: unknown;
      try {
        parsed = JSON.parse(sealer.open(sealed, `${advisorId}/${businessId}`));
      } catch {
        throw new CodedError('AUTH_REQUIRED', `The saved QuickBooks connection of ${businessId} cannot be decrypted with this key; connect the client again.`);
      }
      if (!isTokens(parsed)) throw new CodedError('AUTH_REQUIRED', `The saved QuickBooks connection of ${businessId} is damaged; connect the client again.`);
      return parsed;
    },
    async remove(businessId) {
      deleteSealedTokens(db, advisorId, businessId);
    },
  };
}

/** The headless vault: AES-256-GCM with the env or key-file key. */
export function fileKeyTokenVault(db: Db, advisorId: string, dataDir: string, env: NodeJS.ProcessEnv = process.env): TokenVault {
  return sealedTokenVault(db, advisorId, aesGcmSealer(loadTokenKey(dataDir, env)));
}

export type { Tokens, TokenVault };
