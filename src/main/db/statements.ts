// The one statement cache of the database layer: every repository prepares its SQL through it, so each
// statement is compiled once per connection (the screens and the sync run the same few queries for every
// client and every page). Nothing outside src/main/db prepares SQL (eslint.config.js), and inside it only
// this file calls `prepare` for a repository.
import type Database from 'better-sqlite3';
import type { Db } from './open.ts';

export type Statement = Database.Statement<unknown[]>;

const cache = new WeakMap<Db, Map<string, Statement>>();

function cached(db: Db, key: string, sql: () => string): Statement {
  let byDb = cache.get(db);
  if (!byDb) cache.set(db, (byDb = new Map()));
  let s = byDb.get(key);
  if (!s) byDb.set(key, (s = db.prepare<unknown[]>(sql())));
  return s;
}

/** The prepared statement for this SQL text. The text must be fixed (never built from values). */
export const stmt = (db: Db, sql: string): Statement => cached(db, sql, () => sql);

/**
 * A statement built from fixed lists (a mirror table's columns), cached under a name so the SQL is built
 * only the first time: the mirror writer asks for it on every page.
 */
export const namedStmt = (db: Db, name: string, sql: () => string): Statement =>
  cached(db, `\0${name}`, sql);

/** The SQL of every statement cached for this database (the bench EXPLAINs them). */
export const cachedSql = (db: Db): string[] =>
  [...(cache.get(db)?.values() ?? [])].map((s) => s.source);
