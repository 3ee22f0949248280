import Database from 'better-sqlite3';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CodedError } from '../../src/core/result.ts';
import { openDataDir } from '../../src/main/db/data-dir.ts';
import { latestSchemaVersion } from '../../src/main/db/migrations/index.ts';
import { migrate, openDatabase, schemaVersion } from '../../src/main/db/open.ts';
import { tempDir } from '../support/temp.ts';

describe('opening the local database', () => {
  it('uses WAL, foreign keys and a busy timeout', () => {
    const db = openDatabase(join(tempDir(), 'a.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('page_size', { simple: true })).toBe(8192);
    db.close();
  });

  it('applies every pending migration and records the version', () => {
    const file = join(tempDir(), 'b.db');
    openDatabase(file).close();
    const raw = new Database(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    expect(
      raw.prepare("SELECT COUNT(*) AS n FROM sqlite_schema WHERE name = 'mirror_bills'").get(),
    ).toEqual({ n: 1 });
    raw.close();
  });

  it('applies pending migrations in one transaction: a failing one leaves nothing behind', () => {
    const db = new Database(':memory:');
    // A table the first migration creates already exists: the migration fails part-way.
    db.exec('CREATE TABLE decisions (x)');
    expect(() => migrate(db, 0)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(
      db.prepare("SELECT COUNT(*) AS n FROM sqlite_schema WHERE name = 'clients'").get(),
    ).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a database written by a newer version, and leaves it untouched', () => {
    const file = join(tempDir(), 'newer.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${latestSchemaVersion + 5}`);
    raw.close();
    const before = readFileSync(file);
    expect(() => openDatabase(file)).toThrow(/newer version of RowCol/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a damaged file with a clear message and leaves it byte for byte as it was', () => {
    const file = join(tempDir(), 'corrupt.db');
    writeFileSync(file, 'this is not a database, it is a shopping list\n'.repeat(100));
    const before = readFileSync(file);
    let error: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CodedError);
    expect((error as CodedError).message).toMatch(/not a RowCol database|damaged/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a SQLite file whose pages are damaged', () => {
    const file = join(tempDir(), 'torn.db');
    const raw = new Database(file);
    raw.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    raw.close();
    const bytes = readFileSync(file);
    // Keep the 16-byte magic header but scribble over the rest of page 1.
    bytes.fill(0xff, 16, 200);
    writeFileSync(file, bytes);
    expect(() => openDatabase(file)).toThrow(CodedError);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('says which data folder cannot be used', () => {
    const dir = tempDir();
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    expect(() => openDataDir(join(file, 'data'))).toThrow(/Cannot create the data folder/);
    expect(() => openDataDir(file)).toThrow(/is a file, not a folder/);
  });

  it('keeps the schema version after reopening', () => {
    const file = join(tempDir(), 'c.db');
    openDatabase(file).close();
    chmodSync(file, 0o644);
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(latestSchemaVersion);
    db.close();
  });
});
