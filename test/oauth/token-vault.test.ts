// One token vault for the window and the CLI, each in its own process over one real database file and
// no ROWCOL_TOKEN_KEY: where no keychain can be reached the key file is the stated fallback; a row sealed
// by one process opens in the other; `safe.` rows of earlier windows are sealed again in the shared
// format, after which the CLI opens them; the real `rowcol sync` syncs a client connected in the window.
// The keychain itself (a real Secret Service): test/oauth/keychain.test.ts.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../emulator/index.ts';
import { openDataDir } from '../../src/main/db/data-dir.ts';
import { saveClient } from '../../src/main/db/repositories/clients.ts';
import { getSealedTokens, putSealedTokens } from '../../src/main/db/repositories/client-tokens.ts';
import { endpointsOf } from '../../src/main/qbo/endpoints.ts';
import { emulatorEnv, runRowcol } from '../support/rowcol-process.ts';
import { legacySealed, safeStorageDouble } from './support/safe-storage-double.ts';
import { noKeychainEnv, vaultRun } from './support/run-vault-child.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A data folder with `n` clients saved (no tokens yet); the database is closed again. */
function dataDirWithClients(n: number): { dir: string; ids: string[] } {
  const dir = tempDir('rowcol-vault-');
  const db = openDataDir(dir);
  const ids = Array.from({ length: n }, (_, i) =>
    saveClient(db, {
      advisorId: 'local',
      realmId: String(9130 + i),
      environment: 'custom',
      displayName: `Client ${i}`,
      now: new Date().toISOString(),
    }),
  );
  db.close();
  return { dir, ids };
}

const sealedOf = (dir: string, businessId: string): string | undefined => {
  const db = openDataDir(dir);
  try {
    return getSealedTokens(db, 'local', businessId);
  } finally {
    db.close();
  }
};

const legacyPassword = 'keychain-password-of-the-old-window';

describe('one token vault, no keychain reachable', () => {
  it('keeps the key in <dataDir>/token.key (mode 0600) and says so once, the first time', async () => {
    const { dir, ids } = dataDirWithClients(1);
    const env = noKeychainEnv(tempDir('rowcol-home-'));
    const first = await vaultRun(env, 'cli', dir, 'save', ids[0]!, 'rt-secret-1');
    expect(first.keySource).toBe('file');
    expect(first.notice).toMatch(
      /^No system keychain is used \(.+\): the token key is kept in .*token\.key \(mode 0600\)\.$/,
    );
    if (process.platform === 'linux') expect(first.notice).not.toContain('ROWCOL_KEYCHAIN'); // the real binding said why
    if (process.platform !== 'win32')
      expect(statSync(join(dir, 'token.key')).mode & 0o777).toBe(0o600);
    const sealed = sealedOf(dir, ids[0]!)!;
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(sealed).not.toContain('rt-secret-1');

    const again = await vaultRun(env, 'cli', dir, 'load', ids[0]!);
    expect(again).toEqual({ keySource: 'file', refreshTokens: ['rt-secret-1'] });
  });

  it('opens a row sealed in the window in the CLI, and one sealed in the CLI in the window', async () => {
    const { dir, ids } = dataDirWithClients(2);
    const env = {
      ...noKeychainEnv(tempDir('rowcol-home-')),
      TEST_SAFE_STORAGE_PASSWORD: legacyPassword,
    };
    await vaultRun(env, 'window', dir, 'save', ids[0]!, 'rt-from-window');
    await vaultRun(env, 'cli', dir, 'save', ids[1]!, 'rt-from-cli');
    expect((await vaultRun(env, 'cli', dir, 'load', ids[0]!, ids[1]!)).refreshTokens).toEqual([
      'rt-from-window',
      'rt-from-cli',
    ]);
    expect((await vaultRun(env, 'window', dir, 'load', ids[0]!, ids[1]!)).refreshTokens).toEqual([
      'rt-from-window',
      'rt-from-cli',
    ]);
  });

  it('ends with one key when several processes create it at once', async () => {
    const { dir, ids } = dataDirWithClients(4);
    const env = noKeychainEnv(tempDir('rowcol-home-'));
    // Started together; whichever creates the key first, all must have sealed with that one.
    await Promise.all(ids.map((id, i) => vaultRun(env, 'cli', dir, 'save', id, `rt-${i}`)));
    expect((await vaultRun(env, 'cli', dir, 'load', ...ids)).refreshTokens).toEqual([
      'rt-0',
      'rt-1',
      'rt-2',
      'rt-3',
    ]);
  });

  it('seals safe. rows of earlier windows again in the shared format when the window starts; then the CLI opens them', async () => {
    const { dir, ids } = dataDirWithClients(2);
    const old = safeStorageDouble(legacyPassword);
    const db = openDataDir(dir);
    putSealedTokens(
      db,
      'local',
      ids[0]!,
      legacySealed(
        old,
        JSON.stringify({
          realmId: '9130',
          accessToken: 'at',
          refreshToken: 'rt-old-0',
          accessExpiresAt: 1,
          refreshExpiresAt: 2,
        }),
      ),
      new Date().toISOString(),
    );
    putSealedTokens(
      db,
      'local',
      ids[1]!,
      legacySealed(
        old,
        JSON.stringify({
          realmId: '9131',
          accessToken: 'at',
          refreshToken: 'rt-old-1',
          accessExpiresAt: 1,
          refreshExpiresAt: 2,
        }),
      ),
      new Date().toISOString(),
    );
    db.close();
    const env = noKeychainEnv(tempDir('rowcol-home-'));

    // The CLI cannot read safeStorage: it says what to do, and leaves the row as it is.
    const before = await vaultRun(env, 'cli', dir, 'load', ids[0]!);
    expect(before.refreshTokens![0]).toMatch(
      /earlier version of the RowCol window; open the window once so the CLI can use it too/,
    );
    expect(sealedOf(dir, ids[0]!)!.startsWith('safe.')).toBe(true);

    // A window whose keychain does not hold the old password cannot open them either, and says so.
    const stranger = await vaultRun(
      { ...env, TEST_SAFE_STORAGE_PASSWORD: 'another-password' },
      'window',
      dir,
      'load',
      ids[0]!,
    );
    expect(stranger.refreshTokens![0]).toMatch(/cannot be opened with this computer's keychain/);

    // The window opens the vault and reads one client; both rows are now in the shared format.
    const window = await vaultRun(
      { ...env, TEST_SAFE_STORAGE_PASSWORD: legacyPassword },
      'window',
      dir,
      'load',
      ids[0]!,
    );
    expect(window.refreshTokens).toEqual(['rt-old-0']);
    for (const id of ids) expect(sealedOf(dir, id)!.startsWith('v1.')).toBe(true);
    expect((await vaultRun(env, 'cli', dir, 'load', ...ids)).refreshTokens).toEqual([
      'rt-old-0',
      'rt-old-1',
    ]);
  });

  it('a client connected in the window is synced by the real rowcol CLI', async () => {
    const emulator = await startEmulator({ seed: 3, companies: 1, size: 'empty' });
    cleanups.push(() => emulator.close());
    const dir = tempDir('rowcol-vault-');
    const env = noKeychainEnv(tempDir('rowcol-home-'));
    const realmId = emulator.companies[0]!.realmId;
    const connected = await vaultRun(
      env,
      'window',
      dir,
      'connect',
      JSON.stringify(endpointsOf(emulator)),
      realmId,
    );
    expect(connected.error).toBeUndefined();

    const sync = await runRowcol(
      ['--data-dir', dir, 'sync', '--client', connected.businessId!, '--json'],
      { ...env, ...emulatorEnv(emulator), ROWCOL_QBO_API_BASE_URL: emulator.apiBaseUrl },
    );
    expect(sync.code, sync.stderr).toBe(0);
    expect(JSON.parse(sync.stdout).clients[0]).toMatchObject({
      businessId: connected.businessId,
      ok: true,
    });
    expect(existsSync(join(dir, 'token.key'))).toBe(true);
  });
});
