// One RowCol process opening the shared token vault, as the window or as the CLI would, in its own
// process and environment (the keychain is reached, or not, through the real binding). Prints one JSON
// line: where the key came from, the notice shown to the person, and the command's result.
//   vault-child.ts <window|cli> <dataDir> save <businessId> <refreshToken>
//   vault-child.ts <window|cli> <dataDir> load <businessId>...   (one refresh token or error per client)
//   vault-child.ts window <dataDir> connect <endpointsJson> <realmId>
//   vault-child.ts cli <dataDir> keychain      (what the OS keychain holds for this folder, read directly)
//   vault-child.ts cli <dataDir> race <businessId> <businessId>   (two vaults creating the key at once)
import type { Entry as KeyringEntry } from '@napi-rs/keyring';
import { createRequire } from 'node:module';
import { realpathSync } from 'node:fs';
import { openDataDir } from '../../../src/main/db/data-dir.ts';
import { openOsKeychain } from '../../../src/main/oauth/keychain.ts';
import { openTokenVault } from '../../../src/main/oauth/token-vault.ts';
import type { QboEndpoints } from '../../../src/main/qbo/endpoints.ts';
import { connectDemoCompany, type DemoBooks } from '../../../src/main/sync/demo.ts';
import { safeStorageDouble } from './safe-storage-double.ts';

const [role, dataDir, command, ...args] = process.argv.slice(2) as [
  string,
  string,
  string,
  ...string[],
];
const db = openDataDir(dataDir);
const print = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);

if (command === 'keychain') {
  // Straight to the binding, not through our code: proves where the key really is.
  const { Entry } = createRequire(import.meta.url)('@napi-rs/keyring') as {
    Entry: typeof KeyringEntry;
  };
  const stored = new Entry('RowCol', realpathSync.native(dataDir), {
    linux: { store: 'secret-service' },
  }).getPassword();
  print({
    stored: stored !== null,
    bytes: stored === null ? 0 : Buffer.from(stored, 'base64').length,
  });
} else if (command === 'race') {
  // Two vaults of this folder creating the keychain key at once, interleaved by the first one's own
  // progress: right after it found no key (and before it creates one), the second opens completely and
  // creates its key. The first must then take that key, not write its own over it.
  const real = openOsKeychain(process.env);
  if (!('keychain' in real)) throw new Error(`no keychain: ${real.unavailable}`);
  let second: ReturnType<typeof openTokenVault> | undefined;
  const first = openTokenVault({
    db,
    advisorId: 'local',
    dataDir,
    env: process.env,
    keychain: {
      keychain: {
        ...real.keychain,
        read(account) {
          const found = real.keychain.read(account);
          second ??= openTokenVault({
            db: openDataDir(dataDir),
            advisorId: 'local',
            dataDir,
            env: process.env,
            keychain: real,
          });
          return found;
        },
      },
    },
  });
  const tokens = (refreshToken: string) => ({
    realmId: '9130',
    accessToken: 'at',
    refreshToken,
    accessExpiresAt: Date.now() + 3_600_000,
    refreshExpiresAt: Date.now() + 86_400_000,
  });
  await first.vault.save(args[0]!, tokens('rt-first'));
  await second!.vault.save(args[1]!, tokens('rt-second'));
  print({ keySource: first.keySource });
} else {
  // The window reads `safe.` rows of earlier versions through safeStorage; here through its double.
  const legacyDecrypt =
    role === 'window'
      ? safeStorageDouble(process.env.TEST_SAFE_STORAGE_PASSWORD ?? '').decryptString
      : undefined;
  const { vault, keySource, notice } = openTokenVault({
    db,
    advisorId: 'local',
    dataDir,
    env: process.env,
    legacyDecrypt,
  });
  const now = Date.now();
  try {
    if (command === 'save') {
      await vault.save(args[0]!, {
        realmId: '9130',
        accessToken: 'at',
        refreshToken: args[1]!,
        accessExpiresAt: now + 3_600_000,
        refreshExpiresAt: now + 86_400_000,
      });
      print({ keySource, notice });
    } else if (command === 'load') {
      const loaded = [];
      for (const id of args)
        loaded.push(
          await vault.load(id).then(
            (t) => t?.refreshToken ?? null,
            (e: Error) => `error: ${e.message}`,
          ),
        );
      print({ keySource, notice, refreshTokens: loaded });
    } else if (command === 'connect') {
      const books = { endpoints: JSON.parse(args[0]!) as QboEndpoints } as DemoBooks;
      print({
        keySource,
        notice,
        businessId: (await connectDemoCompany(db, 'local', vault, books, args[1]!)).businessId,
      });
    } else throw new Error(`unknown command ${command}`);
  } catch (error) {
    print({ keySource, notice, error: (error as Error).message });
  }
}
db.close();
