// Hub figures (issue 15 §6): N emulator companies (ROWCOL_HUB_BENCH_COMPANIES, default 200; the issue's
// firm has 2,000; ROWCOL_HUB_BENCH_SIZE=empty for that many on a small machine) connected to one hub
// database on a throwaway PostgreSQL 15, two `rowcol hub --once` processes per refresh.
// Printed: sync jobs and QBO requests per company per refresh (target: 1 job; a steady refresh 1 request,
// the one CDC), 429s (target 0), the time of each refresh and the database size. Figures, not asserts.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { startEmulator } from '../emulator/index.ts';
import { saveHubConnection } from '../src/main/hub/connect.ts';
import { openPostgresHubDb } from '../src/main/hub/db/postgres.ts';
import { migrate } from '../src/main/hub/db/migrate.ts';
import { refreshDue } from '../src/main/hub/db/repositories/jobs.ts';
import { hubStatus } from '../src/main/hub/status.ts';
import { openHubVault } from '../src/main/hub/vault/hub-vault.ts';
import { QboClient } from '../src/main/qbo/client.ts';
import { endpointsOf } from '../src/main/qbo/endpoints.ts';
import { connectThroughEmulator } from '../test/hub/support/hub-harness.ts';
import { freshDatabase, postgresMissing, startPostgres } from '../test/support/postgres.ts';

const say = (s: string) => console.log(`   ${s}`);
const n = Number(process.env.ROWCOL_HUB_BENCH_COMPANIES ?? 200);
/** `small` books by default; `empty` for the 2,000-company fleet figures on a small machine. */
const size = (process.env.ROWCOL_HUB_BENCH_SIZE ?? 'small') as 'small' | 'empty';
const missing = postgresMissing();
if (missing) {
  say(`skipped: ${missing}`);
  process.exit(0);
}
spawnSync(process.execPath, ['scripts/build-cli.mjs', '--quiet'], { stdio: 'inherit' });

const pg = startPostgres();
try {
  const url = await freshDatabase(pg);
  const db = openPostgresHubDb({ connectionString: url });
  await migrate(db);
  const key = randomBytes(32).toString('base64');
  const sealer = await openHubVault(db, {
    key: Buffer.from(key, 'base64'),
    source: 'env',
    created: false,
  });
  let t = performance.now();
  const emulator = await startEmulator({ seed: 11, companies: n, size });
  say(`${n} emulator companies (${size}) made in ${Math.round(performance.now() - t)} ms`);
  const endpoints = endpointsOf(emulator);
  const plain = new QboClient({ apiBaseUrl: emulator.apiBaseUrl });
  t = performance.now();
  for (const c of emulator.companies)
    await saveHubConnection(db, sealer, plain, await connectThroughEmulator(endpoints, c.realmId));
  await plain.close();
  say(`${n} companies connected to the hub in ${Math.round(performance.now() - t)} ms`);

  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: mkdtempSync(join(tmpdir(), 'rowcol-hub-bench-')),
    ROWCOL_KEYCHAIN: 'off',
    ROWCOL_QBO_API_BASE_URL: emulator.apiBaseUrl,
    ROWCOL_QBO_TOKEN_URL: emulator.tokenUrl,
    ROWCOL_QBO_REVOKE_URL: emulator.revokeUrl,
    ROWCOL_QBO_AUTHORIZE_URL: emulator.authorizeUrl,
    ROWCOL_QBO_CLIENT_ID: emulator.clientId,
    ROWCOL_QBO_CLIENT_SECRET: emulator.clientSecret,
    ROWCOL_HUB_KEY: key,
  };
  const hubOnce = () =>
    new Promise<number | null>((resolve) => {
      const child = spawn(
        process.execPath,
        ['bin/rowcol.js', 'hub', '--once', '--workers', '4', '--database-url', url],
        { env, stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('exit', (code) => {
        if (code !== 0) say(`a hub process failed: ${err.trim().split('\n').pop()}`);
        resolve(code);
      });
    });
  const counters = async () => {
    const res = await request(`${emulator.adminUrl}/counters`);
    return (await res.body.json()) as {
      realms: Record<
        string,
        { total: number; throttled: number; requests: Record<string, number> }
      >;
    };
  };

  for (const round of ['first (full load)', 'second (steady)', 'third (steady)']) {
    await request(`${emulator.adminUrl}/counters`, { method: 'DELETE' }).then((r) => r.body.text());
    // The refresh is started here, once (interval 0: the last one is done), and both processes join it.
    const { id } = await db.tx((q) => refreshDue(q, 'bench', 0));
    t = performance.now();
    await Promise.all([hubOnce(), hubOnce()]);
    const ms = Math.round(performance.now() - t);
    const c = await counters();
    const realms = Object.values(c.realms);
    const requests = realms.reduce((s, r) => s + r.total, 0);
    const throttled = realms.reduce((s, r) => s + r.throttled, 0);
    const byEndpoint: Record<string, number> = {};
    for (const r of realms)
      for (const [k, v] of Object.entries(r.requests)) byEndpoint[k] = (byEndpoint[k] ?? 0) + v;
    const jobs = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM sync_jobs WHERE refresh_id = $1',
      [id],
    );
    say(
      `${round} refresh, 2 hub processes × 4 workers: ${ms} ms; ${(jobs[0]!.n / n).toFixed(2)} sync jobs and ${(requests / n).toFixed(2)} QBO requests per company (target 1 job${round.startsWith('first') ? '' : ', 1 request'}); ${throttled} answered 429 (target 0); by endpoint ${JSON.stringify(byEndpoint)}`,
    );
  }
  const status = await hubStatus(db);
  const records = status.companies.reduce((s, c) => s + c.records, 0);
  say(
    `database: ${(status.databaseBytes / 1024 / 1024).toFixed(1)} MiB for ${n} companies, ${records} mirrored records (${Math.round(status.databaseBytes / Math.max(1, records))} bytes a record)`,
  );
  await db.close();
  await emulator.close();
} finally {
  pg.stop();
}
