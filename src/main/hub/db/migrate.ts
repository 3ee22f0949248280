// Brings a hub database up to date: each migration in its own transaction, recorded in hub_migrations.
// Several hub processes may start at once on one PostgreSQL: an advisory lock lets one migrate while the
// others wait, then find nothing left to do.
import type { HubDb } from './hub-db.ts';
import { hubMigrations, latestHubVersion, type HubMigration } from './migrations/index.ts';

/** pg_advisory_xact_lock key of the migrations (any fixed bigint; this one spells "rowcolmg"). */
const migrationLock = 0x726f77636f6c6d67n;

export type MigrateOptions = { upTo?: number; migrations?: readonly HubMigration[] };

/** Applies every migration not yet applied (up to `upTo`); returns the versions it applied. */
export async function migrate(db: HubDb, o: MigrateOptions = {}): Promise<number[]> {
  const list = [...(o.migrations ?? hubMigrations)].sort((a, b) => a.version - b.version);
  const upTo = o.upTo ?? Number.POSITIVE_INFINITY;
  const applied: number[] = [];
  for (const m of list) {
    if (m.version > upTo) break;
    const done = await db.tx(async (q) => {
      await q.query('SELECT pg_advisory_xact_lock($1)', [migrationLock.toString()]);
      await q.exec(`CREATE TABLE IF NOT EXISTS hub_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const seen = await q.query('SELECT 1 FROM hub_migrations WHERE version = $1', [m.version]);
      if (seen.length > 0) return false;
      await q.exec(m.sql);
      await q.query('INSERT INTO hub_migrations (version, name) VALUES ($1, $2)', [
        m.version,
        m.name,
      ]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}

/** The highest migration this database has, 0 for an empty one. */
export async function hubSchemaVersion(db: HubDb): Promise<number> {
  const [row] = await db.query<{ exists: boolean }>(
    "SELECT to_regclass('hub_migrations') IS NOT NULL AS exists",
  );
  if (!row?.exists) return 0;
  const [v] = await db.query<{ version: number | null }>(
    'SELECT max(version) AS version FROM hub_migrations',
  );
  return v?.version ?? 0;
}

export { latestHubVersion };
