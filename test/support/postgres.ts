// Throwaway PostgreSQL for tests: a Debian PostgreSQL 15 cluster made in a temp folder, listening only on
// a Unix socket there, one database per test, stopped and removed afterwards. PostgreSQL refuses to run
// as root, so when the tests run as root the cluster runs as the `postgres` OS user (runuser).
// Also the embedded driver (PGlite, in memory), so one test can run against both: `hubTestDrivers()`.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { HubDb } from '../../src/main/hub/db/hub-db.ts';
import { migrate } from '../../src/main/hub/db/migrate.ts';
import { openPgliteHubDb } from '../../src/main/hub/db/pglite.ts';
import { openPostgresHubDb } from '../../src/main/hub/db/postgres.ts';

export const postgresBin = '/usr/lib/postgresql/15/bin';

/** Why PostgreSQL tests cannot run here, or null when they can. */
export function postgresMissing(): string | null {
  if (!existsSync(join(postgresBin, 'initdb')) || !existsSync(join(postgresBin, 'pg_ctl')))
    return `PostgreSQL 15 is not installed (${postgresBin}/initdb missing; apt-get install -y postgresql)`;
  if (userInfo().uid === 0 && spawnSync('id', ['-u', 'postgres']).status !== 0)
    return 'running as root and there is no `postgres` OS user to run PostgreSQL as';
  return null;
}

export type Postgres = {
  /** The server's admin database URL (socket in `socketDir`). */
  url: string;
  socketDir: string;
  /** URL of a database in this cluster. */
  urlOf(database: string): string;
  stop(): void;
};

const asRoot = userInfo().uid === 0;

function run(cmd: string, args: string[]): string {
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Starts a cluster (initdb + pg_ctl start); `stop()` removes it. Stopped at process exit too. */
export function startPostgres(): Postgres {
  const missing = postgresMissing();
  if (missing) throw new Error(missing);
  // Short path: a Unix socket path must stay under ~107 bytes.
  const dir = mkdtempSync(join(tmpdir(), 'rcpg-'));
  const data = join(dir, 'data');
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  run(join(postgresBin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  // No TCP at all (listen_addresses ''): nothing else on the machine can reach it or collide with its port.
  run(join(postgresBin, 'pg_ctl'), [
    '-D',
    data,
    '-l',
    join(dir, 'log'),
    '-w',
    '-o',
    `-k ${dir} -c listen_addresses= -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
    'start',
  ]);
  // The root test process reaches a socket folder owned by postgres: its mode must let us in.
  chmodSync(dir, 0o755);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      run(join(postgresBin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
    } catch {
      // already gone
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  const urlOf = (database: string) =>
    `postgresql://postgres@localhost/${database}?host=${encodeURIComponent(dir)}`;
  return { url: urlOf('postgres'), socketDir: dir, urlOf, stop };
}

/** A new, empty database in the cluster; its URL. */
export async function freshDatabase(pg: Postgres, prefix = 'hub'): Promise<string> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = openPostgresHubDb({ connectionString: pg.url, max: 1 });
  try {
    await admin.exec(`CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
  return pg.urlOf(name);
}

let shared: Postgres | undefined;

/** One cluster per test file, started on first use (stopped by the afterAll that hubTestDrivers sets). */
export function sharedPostgres(): Postgres {
  shared ??= startPostgres();
  return shared;
}

export type HubTestDriver = {
  name: 'postgres' | 'pglite';
  /** Why this driver's tests are skipped here, or null. */
  skip: string | null;
  /** A fresh empty database (not migrated), closed after the file; `url` for PostgreSQL (child processes can open it too). */
  fresh(): Promise<{ db: HubDb; url?: string }>;
  /** The same, migrated. */
  migrated(): Promise<{ db: HubDb; url?: string }>;
};

/**
 * Both drivers, for `describe.each(hubTestDrivers())`. Call once at the top of a test file: after the
 * file's tests every database it opened is closed and the PostgreSQL cluster removed.
 */
export function hubTestDrivers(): HubTestDriver[] {
  const missing = postgresMissing();
  const opened: HubDb[] = [];
  afterAll(async () => {
    await Promise.all(opened.splice(0).map((db) => db.close().catch(() => {})));
    shared?.stop();
    shared = undefined;
  });
  const keep = (fresh: { db: HubDb; url?: string }) => {
    opened.push(fresh.db);
    return fresh;
  };
  const drivers: Omit<HubTestDriver, 'migrated'>[] = [
    {
      name: 'pglite',
      skip: null,
      fresh: async () => keep({ db: await openPgliteHubDb() }),
    },
    {
      name: 'postgres',
      skip: missing,
      async fresh() {
        const url = await freshDatabase(sharedPostgres());
        return keep({ db: openPostgresHubDb({ connectionString: url }), url });
      },
    },
  ];
  return drivers.map((d) => ({
    ...d,
    async migrated() {
      const fresh = await d.fresh();
      await migrate(fresh.db);
      return fresh;
    },
  }));
}
