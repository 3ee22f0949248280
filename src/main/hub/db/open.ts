// Opens the hub's database: DATABASE_URL (a real PostgreSQL, shared by a fleet) or else the embedded
// PGlite under <dataDir>/hub-db. Migrated before anything reads it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { HubDb } from './hub-db.ts';
import { lockEmbeddedDb } from './embedded-lock.ts';
import { migrate } from './migrate.ts';
import { openPostgresHubDb } from './postgres.ts';
import { openPgliteHubDb } from './pglite.ts';

export type OpenHubDbOptions = { databaseUrl?: string; dataDir: string; poolSize?: number };

export const embeddedDbFolder = 'hub-db';

export async function openHubDb(o: OpenHubDbOptions): Promise<HubDb> {
  let db: HubDb;
  if (o.databaseUrl) {
    db = openPostgresHubDb({ connectionString: o.databaseUrl, max: o.poolSize });
  } else {
    const dir = join(o.dataDir, embeddedDbFolder);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const release = lockEmbeddedDb(`${dir}.lock`);
    try {
      const embedded = await openPgliteHubDb(dir);
      db = {
        ...embedded,
        async close() {
          await embedded.close();
          release();
        },
      };
    } catch (error) {
      release();
      throw error;
    }
  }
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  return db;
}
