// The hub's one door to PostgreSQL: a small async interface over both drivers, so every repository runs
// the same SQL on a real PostgreSQL (node-postgres, for DATABASE_URL and a fleet of hub processes) and on
// the embedded default (PGlite under <dataDir>/hub-db, one process, nothing to install).
// Values come back alike from both: bigint as number (change_seq stays far below 2^53), timestamptz as
// an ISO string, jsonb parsed.

/** Runs SQL: `query` one statement with $1… parameters; `exec` a script of several, without parameters. */
export type HubSql = {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  exec(sql: string): Promise<void>;
};

export type HubDriver = 'postgres' | 'pglite';

export type HubDb = HubSql & {
  driver: HubDriver;
  /** One transaction: committed when `fn` resolves, rolled back when it throws. */
  tx<T>(fn: (q: HubSql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export const oid = { int8: 20, timestamp: 1114, timestamptz: 1184 } as const;

/** PostgreSQL's text form of a timestamptz (`2026-12-02 02:41:23.123+00`) as an ISO string. */
export function isoFromPg(text: string): string {
  const iso = text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}

/** bigint columns as numbers: sequences and counts, never near 2^53. */
export const numberFromPg = (text: string): number => Number(text);
