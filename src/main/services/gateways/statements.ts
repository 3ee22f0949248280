// Prepared statements cached per database: the gateways run the same few queries for every client.
import type Database from 'better-sqlite3';
import type { Db } from '../../db/open.ts';

const cache = new WeakMap<Db, Map<string, Database.Statement<unknown[]>>>();

export function stmt(db: Db, sql: string): Database.Statement<unknown[]> {
  let byDb = cache.get(db);
  if (!byDb) cache.set(db, (byDb = new Map()));
  let s = byDb.get(sql);
  if (!s) byDb.set(sql, (s = db.prepare<unknown[]>(sql)));
  return s;
}

export type Scope = { advisorId: string; businessId: string };

/** The SQL of every statement cached for this database (the bench EXPLAINs them). */
export const cachedSql = (db: Db): string[] => [...(cache.get(db)?.keys() ?? [])];
