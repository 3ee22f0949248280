import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dumpSchema } from '../../src/main/db/dump-schema.ts';
import { latestSchemaVersion } from '../../src/main/db/migrations/index.ts';
import { openDatabase, schemaVersion } from '../../src/main/db/open.ts';
import { tempDir } from '../support/temp.ts';

const schemaFile = readFileSync(new URL('../../db/schema.sql', import.meta.url), 'utf8');

describe('db/schema.sql', () => {
  it('is exactly what migrating an empty database yields', () => {
    const db = openDatabase(join(tempDir(), 'fresh.db'));
    expect(schemaVersion(db)).toBe(latestSchemaVersion);
    expect(dumpSchema(db)).toBe(schemaFile);
    db.close();
  });

  it('builds, when executed on its own, the same schema as the migrations', () => {
    const fromFile = new Database(':memory:');
    fromFile.exec(schemaFile);
    fromFile.pragma(`user_version = ${latestSchemaVersion}`);
    const migrated = openDatabase(':memory:');
    expect(dumpSchema(fromFile)).toBe(dumpSchema(migrated));
    fromFile.close();
    migrated.close();
  });
});
