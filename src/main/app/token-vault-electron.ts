// The window uses the same token vault as the CLI (oauth/token-vault.ts: AES-256-GCM under a key in the
// OS keychain). Electron safeStorage remains only as the reader of `safe.` rows that earlier app versions
// wrote; openTokenVault seals them again in the shared format, after which the CLI can use them too.
import { safeStorage } from 'electron';
import type { LegacyDecrypt } from '../oauth/token-vault.ts';

/** safeStorage's decrypt, refused where it would not protect anything. Call after the app is ready. */
export const safeStorageDecrypt: LegacyDecrypt = (encrypted) => {
  if (!safeStorage.isEncryptionAvailable()) throw new Error('the system keychain is not available');
  // On Linux without a secret service, Electron falls back to a hard-coded key ("basic_text"): that is
  // plain text in all but name. Earlier versions refused to seal with it, so nothing real is lost.
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    throw new Error('no secret service (GNOME Keyring, KWallet) is running, only a hard-coded key');
  }
  return safeStorage.decryptString(encrypted);
};
