// HubDb over PGlite: PostgreSQL compiled to WebAssembly, in this process, its files under
// <dataDir>/hub-db. The embedded default of `rowcol hub`: one machine, nothing to install. One process
// only may open the folder (PGlite has a single connection); a fleet uses DATABASE_URL.
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { isoFromPg, numberFromPg, oid, type HubDb, type HubSql } from './hub-db.ts';

const parsers = {
  [oid.int8]: numberFromPg,
  [oid.timestamptz]: isoFromPg,
  [oid.timestamp]: (text: string) => text,
};

function sqlOf(target: PGlite | Transaction): HubSql {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query<T>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  };
}

/** `dataDir` undefined: in memory (tests). */
export async function openPgliteHubDb(dataDir?: string): Promise<HubDb> {
  const db = await PGlite.create(dataDir, { parsers });
  const direct = sqlOf(db);
  return {
    driver: 'pglite',
    ...direct,
    tx: (fn) => db.transaction((t) => fn(sqlOf(t))),
    async close() {
      if (!db.closed) await db.close();
    },
  };
}
