// `rowcol hub` as a firm runs it, in real processes: embedded (no DATABASE_URL: PGlite under
// <data-dir>/hub-db, nothing to install) and on a real PostgreSQL. Companies connected with
// `rowcol hub connect` (authorize URL on stdout, the emulator's consent, the redirect back), one refresh
// with `--once`, `hub status` showing what was synced; a key that does not fit and bad input: one line.
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../emulator/index.ts';
import { emulatorEnv } from '../support/rowcol-process.ts';
import { freshDatabase, hubTestDrivers, sharedPostgres } from '../support/postgres.ts';
import { spawnHub } from './support/hub-process.ts';

const drivers = hubTestDrivers();
let emulator: EmulatorHandle | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

const envFor = (e: EmulatorHandle, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: mkdtempSync(join(tmpdir(), 'rowcol-hub-home-')),
  ...emulatorEnv(e),
  ROWCOL_QBO_API_BASE_URL: e.apiBaseUrl,
  ...extra,
});

/** `rowcol hub connect`, approved at the emulator's consent page as a person would. */
async function connect(args: string[], env: NodeJS.ProcessEnv, realmId: string) {
  const child = spawnHub(['hub', 'connect', ...args], env);
  const authorizeUrl = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.child.stdout!.on('data', (d: Buffer) => {
      seen += d.toString();
      const line = seen.split('\n')[0];
      if (seen.includes('\n') && line) resolve(line);
    });
    child.done.then((r) => reject(new Error(`hub connect ended: ${r.stderr}`)));
  });
  const url = new URL(authorizeUrl);
  url.searchParams.set('auto_approve', realmId);
  const consent = await request(url);
  await consent.body.text();
  const back = await request(String(consent.headers.location));
  await back.body.text();
  const run = await child.done;
  expect(run.code, run.stderr).toBe(0);
  return run.stdout;
}

describe.each(drivers)('rowcol hub on $name', (driver) => {
  if (driver.skip) console.warn(`skipping rowcol hub on PostgreSQL: ${driver.skip}`);

  it.skipIf(driver.skip !== null)(
    'connects companies, syncs them once, shows them; another key is refused in one line',
    async () => {
      emulator = await startEmulator({ seed: 3, companies: 2, size: 'small' });
      const dataDir = mkdtempSync(join(tmpdir(), 'rowcol-hub-data-'));
      const db =
        driver.name === 'postgres' ? ['--database-url', await freshDatabase(sharedPostgres())] : [];
      const env = envFor(emulator);
      for (const c of emulator.companies) {
        const out = await connect(['--data-dir', dataDir, ...db], env, c.realmId);
        expect(out).toContain(
          `Connected ${c.name} (company realm-${c.realmId}, realm ${c.realmId}) to the hub`,
        );
      }
      // No ROWCOL_HUB_KEY: the key file was made beside the data, readable by its owner only.
      expect(statSync(join(dataDir, 'hub.key')).mode & 0o077).toBe(0);
      if (driver.name === 'pglite')
        expect(statSync(join(dataDir, 'hub-db')).isDirectory()).toBe(true);

      const once = await spawnHub(['--data-dir', dataDir, 'hub', '--once', ...db], env).done;
      expect(once.code, once.stderr).toBe(0);
      expect(once.stdout).toMatch(
        /^Refresh 1 on (the embedded database|PostgreSQL at DATABASE_URL): 2 companies synced by this process, 0 failed/,
      );

      const status = await spawnHub(['--data-dir', dataDir, 'hub', 'status', '--json', ...db], env)
        .done;
      expect(status.code, status.stderr).toBe(0);
      const s = JSON.parse(status.stdout) as {
        companies: {
          companyId: string;
          records: number;
          lastJob: string;
          connectionState: string;
        }[];
        databaseBytes: number;
      };
      expect(s.companies.map((c) => c.companyId).sort()).toEqual(
        emulator.companies.map((c) => `realm-${c.realmId}`).sort(),
      );
      for (const c of s.companies) {
        expect(c.lastJob).toBe('done');
        expect(c.connectionState).toBe('connected');
        expect(c.records).toBeGreaterThan(50);
      }
      expect(s.databaseBytes).toBeGreaterThan(0);

      // A hub process with another key than the one the database was set up with stops at once.
      const other = await spawnHub(['--data-dir', dataDir, 'hub', '--once', ...db], {
        ...env,
        ROWCOL_HUB_KEY: Buffer.alloc(32, 7).toString('base64'),
      }).done;
      expect(other.code).toBe(1);
      expect(other.stderr.trim().split('\n')).toHaveLength(1);
      expect(other.stderr).toContain('set up with another token key than ROWCOL_HUB_KEY');
    },
    240_000,
  );
});

describe('the embedded hub database', () => {
  it('is refused to a second process while a hub runs on it, and free again once that hub stops', async () => {
    emulator = await startEmulator({ seed: 3, companies: 0, size: 'small' });
    const dataDir = mkdtempSync(join(tmpdir(), 'rowcol-hub-data-'));
    const env = envFor(emulator);
    const running = spawnHub(['--data-dir', dataDir, 'hub'], env);
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      running.child.stderr!.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes('rowcol hub running on the embedded database')) resolve();
      });
      running.done.then((r) => reject(new Error(`the hub ended: ${r.stderr}`)));
    });
    const second = await spawnHub(['--data-dir', dataDir, 'hub', '--once'], env).done;
    expect(second.code).toBe(1);
    expect(second.stderr.trim().split('\n')).toHaveLength(1);
    expect(second.stderr).toContain(
      `The embedded hub database is open in another process (pid ${running.child.pid})`,
    );
    running.child.kill('SIGTERM');
    expect((await running.done).code).toBe(0);
    const after = await spawnHub(['--data-dir', dataDir, 'hub', '--once'], env).done;
    expect(after.code, after.stderr).toBe(0);
  }, 120_000);
});

describe('rowcol hub, bad input', () => {
  it.each([
    [['hub', '--workers', '0'], '--workers must be a whole number from 1 to 64, not "0".'],
    [['hub', '--database-url', 'mysql://db/x'], 'the database URL must start with postgresql://'],
    [['hub', '--lease-seconds', 'soon'], '--lease-seconds must be a whole number'],
    [
      ['hub', '--once', '--database-url', 'postgresql://postgres@127.0.0.1:1/hub'],
      "cannot reach the hub's PostgreSQL (ECONNREFUSED); check DATABASE_URL.",
    ],
    [['hub', 'status'], 'There is no hub database in'],
  ])('rowcol %j: one line', async (args, message) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rowcol-hub-data-'));
    const run = await spawnHub(['--data-dir', dataDir, ...args], {
      PATH: process.env.PATH,
      HOME: dataDir,
    }).done;
    expect(run.code).not.toBe(0);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(message);
    // Refused before anything was made: no database, no key.
    expect(existsSync(join(dataDir, 'hub-db'))).toBe(false);
    expect(existsSync(join(dataDir, 'hub.key'))).toBe(false);
  });
});
