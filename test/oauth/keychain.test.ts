// The token key in a real OS keychain: a real Secret Service (gnome-keyring-daemon on a private D-Bus
// session, in a throwaway HOME, so no one's own keyring is touched) and separate RowCol processes.
// Proves: a key saved by one process is read by another and no key file is written; the keychain
// account is the folder's real path (a symlink finds the same key); a key file from a session without
// the keychain moves into it and the file goes; rows sealed meanwhile under a second file key are sealed
// again with the keychain key before that file goes; vaults creating the key at once share one.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDataDir } from '../../src/main/db/data-dir.ts';
import { saveClient } from '../../src/main/db/repositories/clients.ts';
import { run, vaultChild, type ChildAnswer } from './support/run-vault-child.ts';

const needed = ['dbus-run-session', 'gnome-keyring-daemon'];
const missing =
  process.platform === 'linux'
    ? needed.filter((c) => spawnSync('sh', ['-c', `command -v ${c}`]).status !== 0)
    : needed;
const skipReason =
  process.platform !== 'linux'
    ? `the real-keychain test drives a Linux Secret Service; on ${process.platform} the OS keychain is the user's own`
    : missing.length > 0
      ? `${missing.join(' and ')} not installed (apt-get install gnome-keyring dbus)`
      : undefined;
if (skipReason) console.log(`test/oauth/keychain.test.ts skipped: ${skipReason}.`);

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function dataDirWithClients(n: number): { dir: string; ids: string[] } {
  const dir = tempDir('rowcol-keychain-');
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

describe('the token key in the OS keychain (a real Secret Service)', () => {
  it.skipIf(skipReason !== undefined)(
    'is shared by separate processes, replaces the key file, and is created once',
    { timeout: 300_000 },
    async () => {
      const one = dataDirWithClients(3); // migrated from a key file
      const two = dataDirWithClients(1); // keychain from the start, reached through a symlink too
      const three = dataDirWithClients(3); // created by three processes started together
      const four = dataDirWithClients(2); // created by two vaults forced to meet mid-creation
      const link = join(tempDir('rowcol-link-'), 'data');
      symlinkSync(two.dir, link);
      const home = tempDir('rowcol-home-');
      const child = `${process.execPath} ${vaultChild.join(' ')}`;
      // Each step prints "<name> <one JSON line>". A step prefixed `offline` runs as in a session that
      // cannot reach the keychain (no D-Bus address), as an SSH login or a headless box would.
      const script = `
      set -e
      printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null
      step() { name=$1; shift; printf '%s ' "$name"; "$@" | tail -n 1; }
      offline() { env -u DBUS_SESSION_BUS_ADDRESS "$@"; }
      step file-first   offline ${child} cli "$D1" save "$C1" rt-file
      step migrated     ${child} cli "$D1" load "$C1"
      step kc-one       ${child} cli "$D1" keychain
      step offline-save offline ${child} cli "$D1" save "$C1b" rt-offline
      step offline-load offline ${child} cli "$D1" load "$C1"
      step reconciled   ${child} window "$D1" load "$C1" "$C1b"
      step after        ${child} cli "$D1" load "$C1" "$C1b"
      step window-save  ${child} window "$D2" save "$C2" rt-keychain
      step cli-load     ${child} cli "$LINK" load "$C2"
      step kc-two       ${child} cli "$D2" keychain
      for i in 0 1 2; do eval "id=\\$C3_$i"; ${child} cli "$D3" save "$id" "rt-$i" > "$HOME/race-$i" & done
      wait
      step race         ${child} cli "$D3" load "$C3_0" "$C3_1" "$C3_2"
      step interleaved  ${child} cli "$D4" race "$C4_0" "$C4_1"
      step interleaved-load ${child} cli "$D4" load "$C4_0" "$C4_1"
    `;
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        HOME: home,
        D1: one.dir,
        C1: one.ids[0],
        C1b: one.ids[1],
        D2: two.dir,
        C2: two.ids[0],
        LINK: link,
        D3: three.dir,
        C3_0: three.ids[0],
        C3_1: three.ids[1],
        C3_2: three.ids[2],
        D4: four.dir,
        C4_0: four.ids[0],
        C4_1: four.ids[1],
      };
      const r = await run('dbus-run-session', ['--', 'sh', '-c', script], env);
      expect(r.code, r.stderr).toBe(0);
      const steps = new Map<string, ChildAnswer>();
      for (const line of r.stdout.trim().split('\n')) {
        const space = line.indexOf(' ');
        steps.set(line.slice(0, space), JSON.parse(line.slice(space + 1)) as ChildAnswer);
      }
      const step = (name: string): ChildAnswer =>
        steps.get(name) ?? expect.fail(`no step ${name} in:\n${r.stdout}\n${r.stderr}`);

      // A key file written where no keychain was reachable moves into the keychain: read back, then the file goes.
      expect(step('file-first').keySource).toBe('file');
      expect(step('migrated')).toMatchObject({ keySource: 'keychain', refreshTokens: ['rt-file'] });
      expect(step('migrated').notice).toMatch(
        /moved from .*token\.key into the system keychain; the file was removed/,
      );
      expect(step('kc-one')).toEqual({ stored: true, bytes: 32 });

      // A session without the keychain makes a second file key; its rows join the keychain key later.
      expect(step('offline-save').keySource).toBe('file');
      expect(step('offline-load').refreshTokens![0]).toMatch(
        /cannot be decrypted with this key \(this session cannot reach the system keychain/,
      );
      expect(step('reconciled')).toMatchObject({
        keySource: 'keychain',
        refreshTokens: ['rt-file', 'rt-offline'],
      });
      expect(step('reconciled').notice).toMatch(
        /Every saved connection now uses the token key in the system keychain/,
      );
      expect(step('after')).toEqual({
        keySource: 'keychain',
        refreshTokens: ['rt-file', 'rt-offline'],
      });
      expect(existsSync(join(one.dir, 'token.key'))).toBe(false);

      // Keychain from the start: saved by the window, read by the CLI through a symlinked path; no key file.
      expect(step('window-save')).toEqual({ keySource: 'keychain' });
      expect(step('cli-load')).toEqual({ keySource: 'keychain', refreshTokens: ['rt-keychain'] });
      expect(step('kc-two')).toEqual({ stored: true, bytes: 32 });
      expect(existsSync(join(two.dir, 'token.key'))).toBe(false);

      // Processes creating the key at once: every row opens with the one key that stayed. Three processes
      // started together may or may not meet mid-creation; the interleaved pair always does.
      expect(step('race')).toEqual({
        keySource: 'keychain',
        refreshTokens: ['rt-0', 'rt-1', 'rt-2'],
      });
      expect(existsSync(join(three.dir, 'token.key'))).toBe(false);
      expect(step('interleaved')).toEqual({ keySource: 'keychain' });
      expect(step('interleaved-load')).toEqual({
        keySource: 'keychain',
        refreshTokens: ['rt-first', 'rt-second'],
      });
    },
  );
});
