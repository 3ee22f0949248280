// The desktop app's token vault: the OS keychain through Electron safeStorage (DPAPI, Keychain,
// libsecret) seals the blobs stored in `client_tokens`. Cannot run outside Electron.
import { safeStorage } from 'electron';
import type { Db } from '../db/open.ts';
import { sealedTokenVault } from '../oauth/token-vault.ts';
import type { TokenVault } from '../oauth/tokens.ts';
import { CodedError } from '../../core/result.ts';

export function electronTokenVault(db: Db, advisorId: string): TokenVault {
  if (!safeStorage.isEncryptionAvailable()) throw new Error('The system keychain is not available; RowCol will not store QuickBooks tokens unencrypted.');
  // On Linux without a secret service, Electron falls back to a hard-coded key ("basic_text"): that is
  // plain text in all but name, so it is refused like no keychain at all.
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    throw new Error('No secret service (GNOME Keyring, KWallet) is running; RowCol will not store QuickBooks tokens with a hard-coded key.');
  }
  return sealedTokenVault(db, advisorId, {
    // The business id is already part of the row key; safeStorage has no associated data.
    seal: (plain) => `safe.${safeStorage.encryptString(plain).toString('base64')}`,
    open: (sealed) => safeStorage.decryptString(Buffer.from(sealed.replace(/^safe\./, ''), 'base64')),
  });
}

/** Stands in when no keychain can be used: the books stay readable offline; anything needing tokens says why. */
export function unavailableTokenVault(reason: string): TokenVault {
  const refuse = async (): Promise<never> => {
    throw new CodedError('UNAVAILABLE', `RowCol cannot keep QuickBooks tokens safely on this computer: ${reason} Clients are shown as last synced.`);
  };
  return { save: refuse, load: refuse, remove: refuse };
}
