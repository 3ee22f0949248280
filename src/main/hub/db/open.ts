// Opens the hub's database: DATABASE_URL (a real PostgreSQL, shared by a fleet) or else the embedded
// PGlite under <dataDir>/hub-db. Migrated before anything reads it; `forReading` (status) migrates
// nothing and makes no database: it says in one line when there is none, or one older than this build.
import { existsSync, mkdirSync } from 'node:fs';
import { CodedError } from '../../../core/result.ts';
import { join } from 'node:path';
import type { HubDb } from './hub-db.ts';
import { lockEmbeddedDb } from './embedded-lock.ts';
import { hubSchemaVersion, latestHubVersion, migrate } from './migrate.ts';
import { openPostgresHubDb } from './postgres.ts';
import { openPgliteHubDb } from './pglite.ts';

export type OpenHubDbOptions = {
  databaseUrl?: string;
  dataDir: string;
  poolSize?: number;
  forReading?: boolean;
};

export const embeddedDbFolder = 'hub-db';

export async function openHubDb(o: OpenHubDbOptions): Promise<HubDb> {
  let db: HubDb;
  if (o.databaseUrl) {
    db = openPostgresHubDb({ connectionString: o.databaseUrl, max: o.poolSize });
  } else {
    const dir = join(o.dataDir, embeddedDbFolder);
    if (o.forReading && !existsSync(dir))
      throw new CodedError(
        'NOT_FOUND',
        `There is no hub database in ${o.dataDir} yet: connect a company with \`rowcol hub connect\`.`,
      );
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
    if (o.forReading) {
      const version = await hubSchemaVersion(db);
      if (version < latestHubVersion)
        throw new CodedError(
          version === 0 ? 'NOT_FOUND' : 'UNAVAILABLE',
          version === 0
            ? 'This database holds no hub yet: connect a company with `rowcol hub connect`.'
            : `The hub database is at version ${version}, this RowCol expects ${latestHubVersion}: run \`rowcol hub --once\` to upgrade it.`,
        );
    } else await migrate(db);
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  return db;
}
