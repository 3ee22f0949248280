// The operating system's keychain (macOS Keychain, Windows Credential Manager, the Secret Service on
// Linux: GNOME Keyring, KWallet, KeePassXC) through @napi-rs/keyring, a maintained N-API binding of
// keyring-rs (https://github.com/Brooooooklyn/keyring-node). N-API, so the very same code runs in the
// CLI's Node and in Electron's main process. Used only to keep the 32-byte token key (token-key.ts).
import { createRequire } from 'node:module';

/** One secret per account under one service; every method throws when the store cannot be reached. */
export type Keychain = {
  /** The secret saved for this account, or undefined when there is none. */
  read(account: string): string | undefined;
  write(account: string, secret: string): void;
  remove(account: string): void;
};

/** The keychain, or why there is none on this machine or in this session. */
export type KeychainAccess = { keychain: Keychain } | { unavailable: string };

type EntryClass = new (
  service: string,
  account: string,
  options?: { linux?: { store?: 'secret-service' | 'keyutils' } },
) => { getPassword(): string | null; setPassword(secret: string): void; deletePassword(): boolean };

export const keychainService = 'RowCol';

/** The first line of a binding error, without the binding's prefixes: it goes into one-line notices. */
export const reasonOf = (error: unknown): string =>
  String((error as Error)?.message ?? error)
    .split('\n')[0]!
    .replace(/\s+/g, ' ')
    .trim();

/** The OS keychain. `ROWCOL_KEYCHAIN=off` in `env` skips it (tests, machines whose keychain must not be used). */
export function openOsKeychain(
  env: NodeJS.ProcessEnv = process.env,
  service = keychainService,
): KeychainAccess {
  if (env.ROWCOL_KEYCHAIN === 'off') return { unavailable: 'turned off by ROWCOL_KEYCHAIN=off' };
  let Entry: EntryClass;
  try {
    // Loaded on demand: a platform without a prebuilt binding falls back to the key file instead of
    // failing every command at import.
    Entry = (createRequire(import.meta.url)('@napi-rs/keyring') as { Entry: EntryClass }).Entry;
  } catch (error) {
    return { unavailable: `the keychain binding cannot be loaded (${reasonOf(error)})` };
  }
  // On Linux the binding silently falls back to the kernel keyring (keyutils) when no Secret Service
  // runs; that keyring lives in memory and is gone after a reboot ("will not persist across reboots",
  // the binding's README), which would lose the key and every saved connection. So the Secret Service
  // is required there, and its absence means "no keychain".
  const options =
    process.platform === 'linux' ? { linux: { store: 'secret-service' as const } } : undefined;
  const entry = (account: string) => new Entry(service, account, options);
  // Every call may throw (no store in this session, locked, access denied): the caller falls back.
  const plainly = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      // "Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled…" means this:
      if (process.platform === 'linux' && /DBus error/i.test(reasonOf(error)))
        throw new Error('no Secret Service (GNOME Keyring, KWallet) is reachable in this session');
      throw error;
    }
  };
  return {
    keychain: {
      read: (account) => plainly(() => entry(account).getPassword() ?? undefined),
      write: (account, secret) => plainly(() => entry(account).setPassword(secret)),
      remove: (account) => plainly(() => void entry(account).deletePassword()),
    },
  };
}
