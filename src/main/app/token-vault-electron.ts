// The desktop app's token vault: the OS keychain through Electron safeStorage (DPAPI, Keychain,
// libsecret) seals the blobs stored in `client_tokens`. Cannot run outside Electron.
import { safeStorage } from 'electron';
import type { Db } from '../db/open.ts';
import { sealedTokenVault } from '../oauth/token-vault.ts';
import type { TokenVault } from '../oauth/tokens.ts';

export function electronTokenVault(db: Db, advisorId: string): TokenVault {
  if (!safeStorage.isEncryptionAvailable()) throw new Error('The system keychain is not available; RowCol will not store QuickBooks tokens unencrypted.');
  return sealedTokenVault(db, advisorId, {
    // The business id is already part of the row key; safeStorage has no associated data.
    seal: (plain) => `safe.${safeStorage.encryptString(plain).toString('base64')}`,
    open: (sealed) => safeStorage.decryptString(Buffer.from(sealed.replace(/^safe\./, ''), 'base64')),
  });
}
