// Damage as a failing disk or a torn copy leaves it: pages in the middle of a real database overwritten
// with garbage, the 100-byte header and page 1 (the schema) kept, so SQLite still opens the file.
import Database from 'better-sqlite3';
import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * Overwrites `count` leaf pages of `table` (from the middle of its pages, as dbstat lists them) with
 * garbage. The database must be closed by everyone (its WAL written back); returns the page numbers.
 */
export function damageTablePages(file: string, table: string, count = 3): number[] {
  const db = new Database(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  // dbstat: https://www.sqlite.org/dbstat.html
  const leaves = (
    db
      .prepare(`SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno`)
      .all(table) as { pageno: number }[]
  ).map((r) => r.pageno);
  db.close();
  if (leaves.length < count) throw new Error(`${table} has only ${leaves.length} leaf pages`);
  const start = Math.floor((leaves.length - count) / 2);
  const pages = leaves.slice(start, start + count);
  const fd = openSync(file, 'r+');
  try {
    let seed = 0x2545f491;
    const garbage = Buffer.alloc(pageSize);
    for (const page of pages) {
      for (let i = 0; i < pageSize; i++) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        garbage[i] = seed >>> 24;
      }
      writeSync(fd, garbage, 0, pageSize, (page - 1) * pageSize);
    }
  } finally {
    closeSync(fd);
  }
  return pages;
}
