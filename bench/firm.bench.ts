// Firm hub at size (issue 15 §6, the desktops' half): a hub with 2,000 companies in PostgreSQL (a
// throwaway Debian PostgreSQL 15 cluster; PGlite when PostgreSQL is not installed), 50 advisors with 40
// clients each, and 50 simulated desktops (each its own data folder and SQLite file) signing in over
// loopback HTTP and pulling their clients' books, 10 at a time. Then 1% of the records change on the hub
// and every desktop pulls again. Prints the pull requests' latency on the hub (median, p95), each
// desktop's whole sync, and the database's size. Figures only: nothing here passes or fails.
// Run: npm run bench -- firm   (FIRM_BENCH_COMPANIES / _DESKTOPS / _RECORDS to change the size).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDataDir } from '../src/main/db/data-dir.ts';
import type { Db } from '../src/main/db/open.ts';
import { firmLink } from '../src/main/db/repositories/firm.ts';
import { connectToHub, linkedHub, type FirmContext } from '../src/main/firm/connect.ts';
import { firmSync } from '../src/main/firm/sync.ts';
import { startHubApi } from '../src/main/hub/api/index.ts';
import { addAdvisor } from '../src/main/hub/auth/accounts.ts';
import { setAssignments } from '../src/main/hub/auth/assignments.ts';
import type { HubDb } from '../src/main/hub/db/hub-db.ts';
import { migrate } from '../src/main/hub/db/migrate.ts';
import { openPgliteHubDb } from '../src/main/hub/db/pglite.ts';
import { openPostgresHubDb } from '../src/main/hub/db/postgres.ts';
import { lockChangeSeq } from '../src/main/hub/db/repositories/change-seq.ts';
import { account, bill, invoice } from '../test/support/qbo-books.ts';
import { freshDatabase, postgresMissing, startPostgres } from '../test/support/postgres.ts';

const num = (name: string, dflt: number) => Number(process.env[name] ?? dflt);
const companies = num('FIRM_BENCH_COMPANIES', 2000);
const desktops = num('FIRM_BENCH_DESKTOPS', 50);
const recordsPerCompany = num('FIRM_BENCH_RECORDS', 60);
const perDesktop = Math.ceil(companies / desktops);
const atOnce = 10;

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const ms = (x: number) => `${x.toFixed(1).padStart(8)} ms`;

function recordsOf(c: number, version: number): { e: string; id: string; b: unknown }[] {
  const out: { e: string; id: string; b: unknown }[] = [
    { e: 'Account', id: '1', b: account('1', 'Checking', 'Bank', 5_000_000 + c) },
  ];
  for (let i = 0; i < recordsPerCompany; i++) {
    const id = String(100 + i);
    const day = `2030-0${1 + (i % 9)}-1${i % 10}`;
    out.push(
      i % 2
        ? {
            e: 'Bill',
            id,
            b: {
              ...bill({ id, txnDate: day, totalCents: 10_000 + i * 7 + c }),
              SyncToken: String(version),
            },
          }
        : {
            e: 'Invoice',
            id,
            b: {
              ...invoice({ id, txnDate: day, totalCents: 20_000 + i * 3 + c }),
              SyncToken: String(version),
            },
          },
    );
  }
  return out;
}

async function seed(
  db: HubDb,
  ids: readonly string[],
  version: number,
  only?: (i: number) => boolean,
) {
  for (let start = 0; start < ids.length; start += 50) {
    const rows = ids.slice(start, start + 50).flatMap((id, k) =>
      recordsOf(start + k, version)
        .filter((_, i) => !only || only(i))
        .map((r) => ({ c: id, ...r })),
    );
    await db.tx(async (q) => {
      await lockChangeSeq(q);
      await q.query(
        `INSERT INTO mirror_records (company_id, entity, qbo_id, sync_token, body, change_seq)
         SELECT x->>'c', x->>'e', x->>'id', x->'b'->>'SyncToken', x->'b', nextval('change_seq')
           FROM jsonb_array_elements($1::jsonb) x
         ON CONFLICT (company_id, entity, qbo_id) DO UPDATE SET body = excluded.body,
           sync_token = excluded.sync_token, change_seq = excluded.change_seq`,
        [JSON.stringify(rows)],
      );
    });
  }
}

const missing = postgresMissing();
const pg = missing ? undefined : startPostgres();
const db: HubDb = pg
  ? openPostgresHubDb({ connectionString: await freshDatabase(pg, 'firmbench'), max: 20 })
  : await openPgliteHubDb();
console.log(
  `   hub database: ${pg ? 'PostgreSQL 15 (throwaway cluster)' : `PGlite (PostgreSQL not available: ${missing})`}`,
);
const folders: string[] = [];
try {
  await migrate(db);
  const ids = Array.from({ length: companies }, (_, i) => `qbo-${9_000_000 + i}`);
  let t0 = performance.now();
  await db.query(
    `INSERT INTO companies (id, realm_id, name, api_base_url)
     SELECT x, substr(x, 5), 'Company ' || substr(x, 5), 'http://127.0.0.1:9' FROM jsonb_array_elements_text($1::jsonb) x`,
    [JSON.stringify(ids)],
  );
  await seed(db, ids, 0);
  console.log(
    `   seeded ${companies} companies x ${recordsPerCompany + 1} records = ${companies * (recordsPerCompany + 1)} mirror rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const log: string[] = [];
  const api = await startHubApi({ db, log: (l) => log.push(l) });
  const pullTimes = () =>
    log
      .filter((l) => l.includes(' /pull 200 '))
      .map((l) => Number(/\((\d+) ms\)$/.exec(l)?.[1] ?? NaN));

  type Sim = { ctx: FirmContext; db: Db };
  const sims: Sim[] = [];
  for (let d = 0; d < desktops; d++) {
    const email = `advisor${d}@firm.test`;
    const { code } = await addAdvisor(db, { email, role: 'advisor' });
    await setAssignments(db, email, ids.slice(d * perDesktop, (d + 1) * perDesktop));
    const dir = mkdtempSync(join(tmpdir(), `rowcol-firm-bench-${d}-`));
    folders.push(dir);
    const local = openDataDir(dir);
    const env = { ROWCOL_TOKEN_KEY: randomBytes(32).toString('base64'), ROWCOL_KEYCHAIN: 'off' };
    const ctx: FirmContext = {
      db: local,
      dataDir: dir,
      env,
      advisorId: 'local',
      now: () => new Date(),
    };
    await connectToHub(ctx, { hubUrl: api.url, code, deviceName: `desktop-${d}` });
    sims.push({ ctx, db: local });
  }

  const round = async (label: string) => {
    log.length = 0;
    const whole: number[] = [];
    let records = 0;
    let requests = 0;
    t0 = performance.now();
    for (let i = 0; i < sims.length; i += atOnce)
      await Promise.all(
        sims.slice(i, i + atOnce).map(async (s) => {
          const t = performance.now();
          const r = await firmSync({ ...s.ctx, pullLimit: 1000 });
          whole.push(performance.now() - t);
          records += r.records;
          requests += r.pullRequests;
        }),
      );
    const pulls = pullTimes();
    console.log(
      `   ${label}: ${desktops} desktops, ${records} records in ${requests} pull requests, ${((performance.now() - t0) / 1000).toFixed(1)} s in all`,
    );
    console.log(
      `      pull request on the hub   median ${ms(quantile(pulls, 0.5))}   p95 ${ms(quantile(pulls, 0.95))}   max ${ms(Math.max(...pulls))}`,
    );
    console.log(
      `      one desktop's whole sync  median ${ms(quantile(whole, 0.5))}   p95 ${ms(quantile(whole, 0.95))}`,
    );
  };

  // The hub alone, with no desktop applying batches in this process meanwhile: every desktop's pulls
  // from change 0 (`from0`) or from where it stands, answered and dropped, 10 desktops at a time.
  const probe = async (label: string, from0: boolean, width = atOnce) => {
    const times: number[] = [];
    for (let i = 0; i < sims.length; i += width)
      await Promise.all(
        sims.slice(i, i + width).map(async (s) => {
          const { client } = linkedHub(s.ctx);
          let since = from0 ? 0 : (firmLink(s.db)?.pulledSeq ?? 0);
          for (;;) {
            const t = performance.now();
            const a = await client.pull(since, 1000);
            times.push(performance.now() - t);
            since = a.next;
            if (!a.more) break;
          }
        }),
      );
    console.log(
      `   ${label}: ${times.length} pull requests, ${width === 1 ? 'one desktop at a time' : `${width} desktops at a time`}`,
    );
    console.log(
      `      pull latency at the desktop median ${ms(quantile(times, 0.5))}   p95 ${ms(quantile(times, 0.95))}`,
    );
  };

  await probe('hub alone, every desktop from change 0', true);
  await round('first pull (every desktop from change 0)');
  // 1% of the records change (every 100th record of each company), as after a refresh of the hub.
  await seed(db, ids, 1, (i) => i % 100 === 1);
  await probe('hub alone, 1% changed', false);
  await round('after 1% changed');
  await round('nothing changed');
  await probe('hub alone, nothing changed', false, 1);

  const sizes = await db.query<{ name: string; bytes: number }>(
    `SELECT relname AS name, pg_total_relation_size(c.oid)::bigint AS bytes FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 2 DESC LIMIT 5`,
  );
  const [{ total }] = (await db.query<{ total: number }>(
    'SELECT pg_database_size(current_database())::bigint AS total',
  )) as [{ total: number }];
  const mb = (b: number) => `${(Number(b) / 1024 / 1024).toFixed(1)} MB`;
  console.log(
    `   hub database size: ${mb(total)} (${sizes.map((s) => `${s.name} ${mb(s.bytes)}`).join(', ')})`,
  );
  await api.close();
  for (const s of sims) s.db.close();
} finally {
  await db.close();
  pg?.stop();
  for (const f of folders) rmSync(f, { recursive: true, force: true });
}
