// Backups (db/backup.ts) and restore (db/restore.ts) on real SQLite files: online, checked, dated, the
// last 7 kept, never from a damaged database; a damaged database refused at open with one line naming
// the newest good backup; restore puts the advisor's work back, keeps the replaced file aside and marks
// every client's mirror for a reconciling full load; it refuses while another process has the database.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mirroredEntities } from '../../src/core/mirror/entities.ts';
import {
  backupIfDue,
  backupNow,
  backupsDir,
  keptBackups,
  listBackups,
} from '../../src/main/db/backup.ts';
import { openDataDir } from '../../src/main/db/data-dir.ts';
import { databaseFileName, openDatabase, type Db } from '../../src/main/db/open.ts';
import { currentDecisions, recordDecision } from '../../src/main/db/repositories/decisions.ts';
import { listSyncStates, putSyncState } from '../../src/main/db/repositories/sync-state.ts';
import { restoreBackup } from '../../src/main/db/restore.ts';
import { addClient, bill, writeRecords, type Scope } from '../support/qbo-books.ts';
import { tempDir } from '../support/temp.ts';
import { damageTablePages } from './damage.ts';

const day = (n: number) => new Date(Date.UTC(2026, 10, n, 9, 0, 0));

/** A data folder with one client, 2,000 mirrored bills (enough pages to damage some in the middle) and a decision. */
function booksWithWork(): { dir: string; db: Db; s: Scope } {
  const dir = tempDir('rowcol-backup-');
  const db = openDataDir(dir);
  const s = addClient(db, 'local', '4620816365', 'Bluebird Bakery');
  const bills = Array.from({ length: 2000 }, (_, i) =>
    bill({
      id: String(100 + i),
      txnDate: '2026-10-01',
      dueDate: '2026-12-01',
      totalCents: 10_000 + i,
    }),
  );
  writeRecords(db, s, 'Bill', bills);
  for (const e of mirroredEntities)
    putSyncState(db, s, e, {
      cursor: '2026-11-01T00:00:00Z',
      fullLoadPosition: null,
      lastSuccessAt: '2026-11-01T00:00:00Z',
    });
  decide(db, s, '100', 'delay 2 weeks: supplier agreed');
  return { dir, db, s };
}

const decide = (db: Db, s: Scope, billQboId: string, note: string) =>
  recordDecision(db, s, {
    billQboId,
    action: 'delay',
    plannedDate: '2026-12-15',
    note,
    decidedBy: 'advisor',
    now: '2026-11-20T10:00:00Z',
  });

const notes = (db: Db, s: Scope) =>
  currentDecisions(db, s)
    .map((d) => d.note)
    .sort();

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('backupNow / backupIfDue / listBackups', () => {
  it('writes a dated, checked, self-contained copy while another connection is mid-write', async () => {
    const { dir, db, s } = booksWithWork();
    const other = new Database(join(dir, databaseFileName));
    other.exec('BEGIN IMMEDIATE');
    other.prepare(`UPDATE decisions SET note = 'not committed yet'`).run();
    const r = await backupNow(db, dir, day(26));
    other.exec('ROLLBACK');
    other.close();
    expect(r.name).toBe('rowcol-2026-11-26T09-00-00Z.db');
    expect(r.file).toBe(join(backupsDir(dir), r.name));
    expect(readdirSync(backupsDir(dir))).toEqual([r.name]); // no -wal, no leftover partial
    const copy = new Database(r.file, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
    expect(
      (copy.prepare('SELECT note FROM decisions').all() as { note: string }[]).map((d) => d.note),
    ).toEqual(['delay 2 weeks: supplier agreed']);
    expect(copy.prepare('SELECT COUNT(*) AS n FROM mirror_bills').get()).toEqual({ n: 2000 });
    copy.close();
    expect(notes(db, s)).toEqual(['delay 2 weeks: supplier agreed']);
    db.close();
  });

  it(`keeps the newest ${keptBackups}`, async () => {
    const dir = tempDir();
    const db = openDataDir(dir);
    for (let n = 1; n <= 9; n++) await backupNow(db, dir, day(n));
    expect(listBackups(dir).map((b) => b.takenAt)).toEqual(
      [9, 8, 7, 6, 5, 4, 3].map((n) => day(n).toISOString().replace('.000', '')),
    );
    db.close();
  });

  it('takes one when none was taken in the last day', async () => {
    const dir = tempDir();
    const db = openDataDir(dir);
    expect((await backupIfDue(db, dir, day(10)))?.name).toBe('rowcol-2026-11-10T09-00-00Z.db');
    expect(await backupIfDue(db, dir, new Date(day(11).getTime() - 60_000))).toBeNull();
    expect((await backupIfDue(db, dir, day(11)))?.name).toBe('rowcol-2026-11-11T09-00-00Z.db');
    // A backup dated in the future (a clock set back) does not stop today's.
    expect((await backupIfDue(db, dir, day(5)))?.name).toBe('rowcol-2026-11-05T09-00-00Z.db');
    db.close();
  });

  it('refuses to back up a damaged database and leaves the existing backups as they are', async () => {
    const { dir, db } = booksWithWork();
    const good = await backupNow(db, dir, day(1));
    db.close();
    damageTablePages(join(dir, databaseFileName), 'mirror_bills');
    const raw = new Database(join(dir, databaseFileName));
    await expect(backupNow(raw, dir, day(2))).rejects.toThrow(
      /is damaged .*no backup was taken, and the existing ones were kept/,
    );
    raw.close();
    expect(listBackups(dir).map((b) => b.name)).toEqual([good.name]);
    expect(readdirSync(backupsDir(dir))).toEqual([good.name]);
  });
});

describe('a damaged database at open', () => {
  it('is refused with one line naming the newest good backup and the command (a damaged newer backup is passed over)', async () => {
    const { dir, db } = booksWithWork();
    const good = await backupNow(db, dir, day(1));
    const bad = await backupNow(db, dir, day(2));
    db.close();
    damageTablePages(bad.file, 'mirror_bills');
    damageTablePages(join(dir, databaseFileName), 'mirror_bills');
    const before = readFileSync(join(dir, databaseFileName));
    const error = thrown(() => openDataDir(dir));
    expect(error.message).not.toContain('\n');
    expect(error.message).toMatch(
      new RegExp(
        `^The database .*rowcol\\.db is damaged \\(.+\\)\\. The newest good backup is ${good.name} \\(2026-11-01 09:00 UTC\\): run "rowcol restore --data-dir ${dir}" to put it back`,
      ),
    );
    expect(readFileSync(join(dir, databaseFileName)).equals(before)).toBe(true);
  });

  it('says so when there is no backup', () => {
    const { dir, db } = booksWithWork();
    db.close();
    damageTablePages(join(dir, databaseFileName), 'mirror_bills');
    const error = thrown(() => openDataDir(dir));
    expect(error.message).toMatch(
      /is damaged \(.+\) and there is no good backup in .*backups: move the file aside/,
    );
    expect(error.message).not.toContain('\n');
  });

  it('a read-only open skips the check (the damage shows at first use)', () => {
    const { dir, db } = booksWithWork();
    db.close();
    damageTablePages(join(dir, databaseFileName), 'mirror_bills');
    const ro = openDatabase(join(dir, databaseFileName), { readonly: true });
    expect(() => ro.prepare('SELECT SUM(total_cents) FROM mirror_bills').get()).toThrow(
      expect.objectContaining({ code: 'SQLITE_CORRUPT' }),
    );
    ro.close();
  });
});

describe('restoreBackup', () => {
  it('puts the backup back, keeps newer intact tables, keeps the damaged file aside and marks every mirror for a fresh load', async () => {
    const { dir, db, s } = booksWithWork();
    await backupNow(db, dir, day(1));
    decide(db, s, '101', 'hold until the invoice is fixed'); // after the backup
    db.close();
    const file = join(dir, databaseFileName);
    damageTablePages(file, 'mirror_bills');
    const damaged = readFileSync(file);

    const r = restoreBackup(dir, { now: day(3) });
    expect(r.from).toBe(listBackups(dir)[0]!.file);
    expect(r.keptAside).toEqual([join(dir, 'rowcol-before-restore-2026-11-03T09-00-00Z.db')]);
    expect(readFileSync(r.keptAside[0]!).equals(damaged)).toBe(true); // kept byte for byte
    expect(r.keptFromReplaced).toEqual(
      expect.arrayContaining([
        'clients',
        'client_tokens',
        'decisions',
        'hygiene_items',
        'collection_calls',
        'digests',
      ]),
    );
    expect(r.keptFromReplaced).not.toContain('mirror_bills');
    expect(r.clientsToReload).toBe(1);

    const back = openDataDir(dir); // passes quick_check
    expect(notes(back, s)).toEqual([
      'delay 2 weeks: supplier agreed',
      'hold until the invoice is fixed',
    ]);
    expect(back.prepare('SELECT COUNT(*) AS n FROM mirror_bills').get()).toEqual({ n: 2000 }); // served until the sync refetches
    const states = listSyncStates(back, s);
    expect(states.map((x) => x.entity).sort()).toEqual([...mirroredEntities].sort());
    for (const x of states)
      expect(x).toMatchObject({
        cursor: null,
        fullLoadPosition: 1,
        reconcileFrom: day(3).toISOString(),
      });
    back.close();
  });

  it('takes a table from the backup when it is the damaged one', async () => {
    const { dir, db, s } = booksWithWork();
    // Enough decisions for the table to span several pages.
    for (let i = 0; i < 400; i++) decide(db, s, String(200 + i), `note ${i} `.repeat(20));
    await backupNow(db, dir, day(1));
    decide(db, s, '101', 'made after the backup, lost with the damaged page');
    db.close();
    damageTablePages(join(dir, databaseFileName), 'decisions', 2);
    const r = restoreBackup(dir, { now: day(3) });
    expect(r.fromBackup).toContain('decisions');
    expect(r.keptFromReplaced).toContain('clients');
    const back = openDataDir(dir);
    expect(currentDecisions(back, s)).toHaveLength(401);
    expect(notes(back, s)).not.toContain('made after the backup, lost with the damaged page');
    back.close();
  });

  it('refuses while another process has the database open, and changes nothing', async () => {
    const { dir, db } = booksWithWork();
    await backupNow(db, dir, day(1));
    db.close();
    const file = join(dir, databaseFileName);
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(file)}); db.prepare('SELECT 1').get(); console.log('open'); setInterval(() => {}, 1000);`,
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    try {
      await new Promise<void>((ok) => holder.stdout.once('data', () => ok()));
      const before = readFileSync(file);
      expect(thrown(() => restoreBackup(dir, { now: day(3) })).message).toMatch(
        /is in use by another RowCol .*Nothing was changed\./,
      );
      expect(readFileSync(file).equals(before)).toBe(true);
      expect(
        readdirSync(dir).filter(
          (f) => f.startsWith('rowcol-before-restore') || f.startsWith('.rowcol-restoring'),
        ),
      ).toEqual([]);
    } finally {
      holder.kill();
    }
  });

  it('says plainly when there is no backup, or the named one does not exist', () => {
    const { dir, db } = booksWithWork();
    db.close();
    expect(thrown(() => restoreBackup(dir)).message).toMatch(
      /^There is no backup in .*backups to restore\.$/,
    );
    expect(
      thrown(() => restoreBackup(dir, { file: 'rowcol-2020-01-01T00-00-00Z.db' })).message,
    ).toMatch(/^No backup file rowcol-2020-01-01T00-00-00Z\.db/);
    expect(existsSync(join(dir, databaseFileName))).toBe(true);
  });
});
