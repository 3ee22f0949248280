// HubDb over node-postgres: a pool on DATABASE_URL, what several hub processes on several machines share.
import pg from 'pg';
import { isoFromPg, numberFromPg, oid, type HubDb, type HubSql } from './hub-db.ts';

const parsers: Record<number, (text: string) => unknown> = {
  [oid.int8]: numberFromPg,
  [oid.timestamptz]: isoFromPg,
  [oid.timestamp]: (text) => text,
};

const types = {
  getTypeParser: ((id: number, format?: string) =>
    parsers[id] ?? pg.types.getTypeParser(id, format as 'text')) as typeof pg.types.getTypeParser,
};

function sqlOf(client: pg.Pool | pg.PoolClient): HubSql {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await client.query(sql, params as unknown[]);
      return result.rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

export type PostgresOptions = { connectionString: string; max?: number };

export function openPostgresHubDb(o: PostgresOptions): HubDb {
  const pool = new pg.Pool({
    connectionString: o.connectionString,
    max: o.max ?? 10,
    types,
    application_name: 'rowcol-hub',
    // A hub machine cut off mid-transaction must not hold the job row and the change_seq lock (every
    // other writer waits on it) until TCP notices: the server ends such a session after a minute.
    options: '-c idle_in_transaction_session_timeout=60000',
    keepAlive: true,
  });
  // An idle client losing its server (a restart) must not crash the hub; the next query reconnects.
  pool.on('error', () => {});
  const direct = sqlOf(pool);
  return {
    driver: 'postgres',
    ...direct,
    async tx(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(sqlOf(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
