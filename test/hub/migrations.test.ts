// The hub's migrations on both drivers (embedded PGlite and a real PostgreSQL 15): a fresh database gets
// every table, migrating again changes nothing, several hub processes starting at once migrate once, and
// change_seq hands out values in the order writers commit.
import { describe, expect, it } from 'vitest';
import { lockChangeSeq } from '../../src/main/hub/db/repositories/change-seq.ts';
import { hubSchemaVersion, latestHubVersion, migrate } from '../../src/main/hub/db/migrate.ts';
import { hubMigrations } from '../../src/main/hub/db/migrations/index.ts';
import { openPostgresHubDb } from '../../src/main/hub/db/postgres.ts';
import { hubTestDrivers } from '../support/postgres.ts';

const drivers = hubTestDrivers();
const postgres = drivers.find((d) => d.name === 'postgres')!;

const tablesOf = async (db: Awaited<ReturnType<(typeof drivers)[number]['fresh']>>['db']) =>
  (
    await db.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    )
  ).map((r) => r.name);

describe.each(drivers)('hub migrations on $name', (driver) => {
  if (driver.skip) console.warn(`skipping PostgreSQL hub migration tests: ${driver.skip}`);

  it.skipIf(driver.skip !== null)('a fresh database gets every table, once', async () => {
    const { db } = await driver.fresh();
    expect(await hubSchemaVersion(db)).toBe(0);
    expect(await migrate(db)).toEqual(hubMigrations.map((m) => m.version));
    expect(await hubSchemaVersion(db)).toBe(latestHubVersion);
    const tables = await tablesOf(db);
    for (const t of [
      'companies',
      'mirror_records',
      'mirror_rejections',
      'sync_cursors',
      'sync_jobs',
      'qbo_budget',
      'qbo_slots',
      'outbox',
      'hub_migrations',
    ])
      expect(tables).toContain(t);
    // Again: nothing to do, nothing recorded twice.
    expect(await migrate(db)).toEqual([]);
    const { n } = (await db.query<{ n: number }>('SELECT count(*) AS n FROM hub_migrations'))[0]!;
    expect(n).toBe(hubMigrations.length);
  });

  it.skipIf(driver.skip !== null)(
    'an upgrade keeps the rows written under the earlier schema',
    async () => {
      const { db } = await driver.fresh();
      await migrate(db, { upTo: 1 });
      await db.query(
        "INSERT INTO companies (id, realm_id, name, api_base_url) VALUES ('c1', 'r1', 'Acme', 'http://q')",
      );
      await migrate(db);
      const rows = await db.query<{ name: string; connection_state: string; created_at: string }>(
        'SELECT name, connection_state, created_at FROM companies',
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]!.name).toBe('Acme');
      expect(rows[0]!.connection_state).toBe('connected');
      // timestamptz comes back as an ISO string on both drivers.
      expect(rows[0]!.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    },
  );

  it.skipIf(driver.skip !== null)('one open sync job per company at most', async () => {
    const { db } = await driver.migrated();
    await db.query(
      "INSERT INTO companies (id, realm_id, api_base_url) VALUES ('c1', 'r1', 'http://q')",
    );
    await db.query("INSERT INTO sync_jobs (company_id) VALUES ('c1')");
    await expect(db.query("INSERT INTO sync_jobs (company_id) VALUES ('c1')")).rejects.toThrow(
      /sync_jobs_one_open/,
    );
    await db.query("UPDATE sync_jobs SET state = 'done'");
    await db.query("INSERT INTO sync_jobs (company_id) VALUES ('c1')");
    const { n } = (await db.query<{ n: number }>('SELECT count(*) AS n FROM sync_jobs'))[0]!;
    expect(n).toBe(2);
  });

  it.skipIf(driver.skip !== null)('a transaction that throws leaves nothing behind', async () => {
    const { db } = await driver.migrated();
    await expect(
      db.tx(async (q) => {
        await q.query(
          "INSERT INTO companies (id, realm_id, api_base_url) VALUES ('c1', 'r1', 'http://q')",
        );
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await db.query('SELECT * FROM companies')).toEqual([]);
  });
});

describe.skipIf(postgres.skip !== null)('hub migrations on a shared PostgreSQL', () => {
  it('several hub processes starting at once migrate once', async () => {
    const { url } = await postgres.fresh();
    const pools = Array.from({ length: 4 }, () =>
      openPostgresHubDb({ connectionString: url as string, max: 2 }),
    );
    try {
      const applied = await Promise.all(pools.map((db) => migrate(db)));
      expect(applied.flat().sort((a, b) => a - b)).toEqual(hubMigrations.map((m) => m.version));
    } finally {
      await Promise.all(pools.map((db) => db.close()));
    }
  });

  it('a hub session cut off mid-transaction is ended by the server, not held open', async () => {
    const { db } = await postgres.migrated();
    const [row] = await db.query<{ idle_in_transaction_session_timeout: string }>(
      'SHOW idle_in_transaction_session_timeout',
    );
    expect(row!.idle_in_transaction_session_timeout).toBe('1min');
  });

  it('a reader never sees a change_seq above one still in flight', async () => {
    const { db } = await postgres.migrated();
    // Writer A takes the lock and a seq, and holds its transaction open; writer B must wait for A's
    // commit before it can take a higher seq, so a reader never sees B's row without A's.
    let releaseA!: () => void;
    const aMayCommit = new Promise<void>((r) => (releaseA = r));
    let aHasSeq!: () => void;
    const aTookSeq = new Promise<void>((r) => (aHasSeq = r));
    const a = db.tx(async (q) => {
      await lockChangeSeq(q);
      const { seq } = (await q.query<{ seq: number }>("SELECT nextval('change_seq') AS seq"))[0]!;
      aHasSeq();
      await aMayCommit;
      return seq;
    });
    await aTookSeq;
    let bSeq: number | undefined;
    const b = db.tx(async (q) => {
      await lockChangeSeq(q);
      const { seq } = (await q.query<{ seq: number }>("SELECT nextval('change_seq') AS seq"))[0]!;
      bSeq = seq;
      return seq;
    });
    // B is blocked on the lock: its waiting shows in pg_locks, not by waiting a while.
    for (;;) {
      const { n } = (
        await db.query<{ n: number }>(
          "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
        )
      )[0]!;
      if (n > 0) break;
    }
    expect(bSeq).toBeUndefined();
    releaseA();
    const [seqA, seqB] = await Promise.all([a, b]);
    expect(seqB).toBeGreaterThan(seqA);
  });
});
