// Writes db/schema.sql: the schema an empty database has after every migration.
// `npm run db:schema` after adding a migration; test/db/schema.test.ts fails when the file is out of date.
import { writeFileSync } from 'node:fs';
import { openDatabase } from '../src/main/db/open.ts';
import { dumpSchema } from '../src/main/db/dump-schema.ts';

const db = openDatabase(':memory:');
writeFileSync(new URL('../db/schema.sql', import.meta.url), dumpSchema(db));
db.close();
console.log('db/schema.sql written');
