// The day's first read (issue 14 §2): when only the clock moved since a tray was computed, refreshTrays
// runs just the rules that read the day. What the advisor sees must be what a full recompute shows:
// the items the new day raises or resolves, and every other item left as it was.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/main/db/open.ts';
import { listHygieneItems } from '../../src/main/db/repositories/hygiene-items.ts';
import { syncMark } from '../../src/main/db/repositories/tray-state.ts';
import { recomputeTray, refreshTrays } from '../../src/main/services/tray/recompute.ts';
import { bill, writeRecords, type Scope } from '../support/qbo-books.ts';
import { markSynced, plantBooks } from '../support/planted-books.ts';
import { tempDataDir } from '../support/temp-db.ts';

let env: ReturnType<typeof tempDataDir>;
let db: Db;
let s: Scope;
beforeEach(() => {
  env = tempDataDir();
  db = env.db;
  s = plantBooks(db);
});
afterEach(() => env.cleanup());

const shown = (d: Db, c: Scope) =>
  listHygieneItems(d, c, ['open', 'resolved'])
    .map((i) => `${i.code} ${i.recordKey} ${i.status} ${i.title} ${i.detail ?? ''}`)
    .sort();

describe('the first read of a new day', () => {
  for (const later of [
    new Date(2024, 5, 4, 7), // the next morning
    new Date(2024, 6, 20, 9), // weeks on: more overdue, quiet accounts, stale sync
  ])
    it(`shows on ${later.toDateString()} what a full recompute of the same books shows`, () => {
      expect(refreshTrays(db, s.advisorId, later)).toEqual([s.businessId]);
      // The same books in another data folder, every rule run at that moment.
      const other = tempDataDir();
      try {
        const o = plantBooks(other.db);
        recomputeTray(other.db, o, later);
        expect(shown(db, s)).toEqual(shown(other.db, o));
      } finally {
        other.cleanup();
      }
    });

  it('runs every rule when the client was synced since the tray was computed', () => {
    const before = syncMark(db, s);
    // Another process fixed Bill 201's uncategorized line in QBO and synced it.
    writeRecords(db, s, 'Bill', [
      bill({
        id: '201',
        vendor: { id: '49', name: 'Robertson & Associates' },
        txnDate: '2024-05-20',
        dueDate: '2024-06-19',
        totalCents: 45_000,
      }),
    ]);
    markSynced(db, s, new Date(2024, 5, 4, 6).toISOString());
    recomputeTray(db, s, new Date(2024, 5, 4, 7), undefined, {
      sameData: { mark: before, states: [] },
    });
    expect(
      listHygieneItems(db, s, ['open']).some(
        (i) => i.code === 'UNCATEGORIZED_LINE' && i.recordKey === 'Bill:201',
      ),
    ).toBe(false);
  });
});
