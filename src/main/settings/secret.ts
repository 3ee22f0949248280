// The Intuit client secret is sealed the way QuickBooks tokens are (oauth/token-vault.ts: AES-256-GCM),
// under the same data-folder key (oauth/token-key.ts: ROWCOL_TOKEN_KEY, the OS keychain, else the key
// file), so settings.json never holds it in plain text and a copied settings file opens nowhere else.
import { CodedError } from '../../core/result.ts';
import type { Db } from '../db/open.ts';
import { writeTransaction } from '../db/transaction.ts';
import { openOsKeychain, type KeychainAccess } from '../oauth/keychain.ts';
import { resolveTokenKey } from '../oauth/token-key.ts';
import { aesGcmSealer } from '../oauth/token-vault.ts';

/** Seals and opens one named secret of the settings. */
export type SecretBox = {
  seal(name: string, plain: string): string;
  /** Throws UNAVAILABLE, saying what to do, when no key of this data folder opens it. */
  open(name: string, sealed: string): string;
};

export type SecretBoxOptions = {
  db: Db;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  keychain?: KeychainAccess;
  onNotice?: (line: string) => void;
};

// Associated data: a sealed value moved to another setting (or a token row) does not open.
const aad = (name: string) => `settings/${name}`;

export function openSecretBox(o: SecretBoxOptions): SecretBox {
  const key = resolveTokenKey({
    dataDir: o.dataDir,
    env: o.env,
    keychain: o.keychain ?? openOsKeychain(o.env),
    // Creating the key is serialised across processes by the database's write lock, as for tokens.
    exclusive: (fn) => writeTransaction(o.db, fn),
  });
  if (key.notice) o.onNotice?.(key.notice);
  const sealer = aesGcmSealer(key.key);
  // A key file the keychain has since replaced may still have sealed it.
  const older = key.older.map(aesGcmSealer);
  return {
    seal: (name, plain) => sealer.seal(plain, aad(name)),
    open(name, sealed) {
      for (const s of [sealer, ...older]) {
        try {
          return s.open(sealed, aad(name));
        } catch {
          // the next key, if any
        }
      }
      throw new CodedError(
        'UNAVAILABLE',
        `The ${name} saved in settings cannot be opened with this computer's token key; enter it again (Settings, or \`rowcol settings set ${name} -\`).`,
      );
    },
  };
}
