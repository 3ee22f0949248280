// Background checkpoints: while pages are written, a worker thread writes the WAL back into the database
// file (the writer only keeps a far-off backstop), and once it stops the writer checkpoints as before.
// Real SQLite files, real bills from the recorded fixtures, the real page path (applyBatches).
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stopBackgroundCheckpoints } from '../../src/main/db/checkpointer.ts';
import { openDataDir } from '../../src/main/db/data-dir.ts';
import {
  databaseFileName,
  openDatabase,
  walAutocheckpointPages,
  type Db,
} from '../../src/main/db/open.ts';
import { saveClient } from '../../src/main/db/repositories/clients.ts';
import { countMirror } from '../../src/main/db/repositories/mirror.ts';
import { applyBatches } from '../../src/main/sync/apply.ts';
import { fixture } from '../support/fixtures.ts';

const bill = fixture<Record<string, unknown>>('bill_open_single_line.json');

const opened: Db[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    await stopBackgroundCheckpoints(db);
    if (db.open) db.close();
  }
});

function freshBooks(): { db: Db; file: string; scope: { advisorId: string; businessId: string } } {
  const dir = mkdtempSync(join(tmpdir(), 'rowcol-checkpoint-'));
  const db = openDataDir(dir);
  opened.push(db);
  const businessId = saveClient(db, {
    advisorId: 'local',
    realmId: '4620816365',
    environment: 'sandbox',
    displayName: 'Checkpoints',
    now: new Date().toISOString(),
  });
  return { db, file: join(dir, databaseFileName), scope: { advisorId: 'local', businessId } };
}

function writePages(
  db: Db,
  scope: { advisorId: string; businessId: string },
  pages: number,
  firstId = 1,
): void {
  for (let p = 0; p < pages; p++) {
    const records = Array.from({ length: 1000 }, (_, i) => ({
      ...bill,
      Id: String(firstId + p * 1000 + i),
    }));
    applyBatches(
      db,
      scope,
      [
        {
          entity: 'Bill',
          records,
          operation: 'query',
          intuitTid: null,
          position: { startPosition: p * 1000 + 1 },
          cursor: {},
        },
      ],
      new Date().toISOString(),
    );
  }
}

/** Waits for the worker's effect however long a busy machine takes; the test's own timeout is the limit. */
async function until(test: () => boolean): Promise<boolean> {
  while (!test()) await new Promise((r) => setTimeout(r, 20));
  return true;
}

describe('background checkpoints', () => {
  it('write the pages of a sync back into the database file while the writer only keeps a backstop', async () => {
    const { db, file, scope } = freshBooks();
    const before = statSync(file).size;
    writePages(db, scope, 5);
    // 5,000 bills are far below the writer's own checkpoint (10,000 pages of WAL), and its threshold is
    // now the backstop: only the worker can have grown the database file.
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBeGreaterThan(
      walAutocheckpointPages,
    );
    expect(await until(() => statSync(file).size > before + 2_000_000)).toBe(true);

    // Another connection sees every row, and the file is sound.
    const reader = openDatabase(file, { readonly: true });
    try {
      expect(countMirror(reader, scope, 'Bill')).toBe(5000);
      expect(reader.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      reader.close();
    }
  });

  it('hand checkpointing back to the writer once stopped, and start again with the next page', async () => {
    const { db, scope } = freshBooks();
    writePages(db, scope, 1);
    await stopBackgroundCheckpoints(db);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(walAutocheckpointPages);
    writePages(db, scope, 1, 1_000_001);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBeGreaterThan(
      walAutocheckpointPages,
    );
    await stopBackgroundCheckpoints(db);
    expect(countMirror(db, scope, 'Bill')).toBe(2000);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('leave a database that is closed while its worker runs consistent and complete', async () => {
    const { db, file, scope } = freshBooks();
    writePages(db, scope, 3);
    db.close();
    const again = openDatabase(file);
    opened.push(again);
    expect(countMirror(again, scope, 'Bill')).toBe(3000);
    expect(again.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
