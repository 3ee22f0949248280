// The device token the hub gave this desktop, kept sealed like the QuickBooks tokens (oauth/token-vault.ts:
// AES-256-GCM under the data folder's token key, from ROWCOL_TOKEN_KEY, the OS keychain or the key file),
// with the hub's address as associated data: a blob copied to another link fails to open. Never plain text.
import { CodedError } from '../../core/result.ts';
import type { Db } from '../db/open.ts';
import { writeTransaction } from '../db/transaction.ts';
import { openOsKeychain } from '../oauth/keychain.ts';
import { resolveTokenKey } from '../oauth/token-key.ts';
import { aesGcmSealer } from '../oauth/token-vault.ts';

export type TokenSealer = {
  seal(token: string, hubUrl: string): string;
  open(sealed: string, hubUrl: string): string;
};

const aad = (hubUrl: string) => `firm-hub/${hubUrl}`;

export function deviceTokenSealer(db: Db, dataDir: string, env: NodeJS.ProcessEnv): TokenSealer {
  const key = resolveTokenKey({
    dataDir,
    env,
    keychain: openOsKeychain(env),
    exclusive: (fn) => writeTransaction(db, fn),
  });
  const sealers = [aesGcmSealer(key.key), ...key.older.map(aesGcmSealer)];
  return {
    seal: (token, hubUrl) => sealers[0]!.seal(token, aad(hubUrl)),
    open(sealed, hubUrl) {
      for (const s of sealers) {
        try {
          return s.open(sealed, aad(hubUrl));
        } catch {
          // the next key, if any
        }
      }
      throw new CodedError(
        'AUTH_REQUIRED',
        `The saved sign-in to the firm hub ${hubUrl} cannot be opened with this computer's key; sign in again with rowcol connect --hub ${hubUrl} --code CODE.`,
      );
    },
  };
}
