import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  decideHygieneItem,
  listHygieneItems,
} from '../../src/main/db/repositories/hygiene-items.ts';
import { recordDecision } from '../../src/main/db/repositories/decisions.ts';
import type { Db } from '../../src/main/db/open.ts';
import { recomputeTray, refreshTrays } from '../../src/main/services/tray/recompute.ts';
import { bill, writeRecords, type Scope } from '../support/qbo-books.ts';
import { markSynced, now, plantBooks, planted } from '../support/planted-books.ts';
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

const open = () => listHygieneItems(db, s).map((i) => [i.code, i.recordKey] as [string, string]);
const sorted = (xs: [string, string][]) => [...xs].sort((a, b) => a.join().localeCompare(b.join()));

describe('hygiene tray', () => {
  it('finds every planted problem under its code, and nothing else', () => {
    recomputeTray(db, s, now);
    expect(sorted(open())).toEqual(sorted(planted));
  });

  it('names the QBO records of each item', () => {
    recomputeTray(db, s, now);
    const items = listHygieneItems(db, s);
    expect(items.find((i) => i.code === 'DUPLICATE_BILL')?.qboIds).toEqual(['210', '211']);
    expect(items.find((i) => i.code === 'PAID_OUTSIDE_QBO')?.qboIds).toEqual(['220', '303']);
    expect(
      items.find((i) => i.code === 'UNCATEGORIZED_LINE' && i.entity === 'Purchase')?.title,
    ).toContain('Ask My Accountant');
    expect(items.find((i) => i.code === 'DUPLICATE_BILL')?.severity).toBe('high');
  });

  it('resolves an item by itself when a sync shows the data fixed, and reopens it if it comes back', () => {
    recomputeTray(db, s, now);
    const fixed = bill({
      id: '201',
      vendor: { id: '49', name: 'Robertson & Associates' },
      txnDate: '2024-05-28',
      dueDate: '2024-06-27',
      totalCents: 20_000,
    });
    writeRecords(db, s, 'Bill', [{ ...fixed, SyncToken: '1' }]);
    const r = recomputeTray(db, s, now);
    expect(r.resolved).toBe(1);
    expect(open()).not.toContainEqual(['UNCATEGORIZED_LINE', 'Bill:201']);
    expect(listHygieneItems(db, s, ['resolved']).map((i) => i.recordKey)).toEqual(['Bill:201']);
  });

  it('keeps approved and excluded items as the advisor left them', () => {
    recomputeTray(db, s, now);
    const items = listHygieneItems(db, s);
    const dup = items.find((i) => i.code === 'DUPLICATE_BILL')!;
    const quiet = items.find((i) => i.code === 'BANK_ACCOUNT_QUIET')!;
    decideHygieneItem(db, s, dup.id, 'approved', 'local', 'two real deliveries', now.toISOString());
    decideHygieneItem(db, s, quiet.id, 'excluded', 'local', null, now.toISOString());
    recomputeTray(db, s, now);
    expect(open()).not.toContainEqual(['DUPLICATE_BILL', 'Bill:210,211']);
    expect(listHygieneItems(db, s, ['approved']).map((i) => i.note)).toEqual([
      'two real deliveries',
    ]);
    expect(listHygieneItems(db, s, ['excluded']).map((i) => i.code)).toEqual([
      'BANK_ACCOUNT_QUIET',
    ]);
  });

  it('resolves BILL_OVERDUE_NO_DECISION once a decision is recorded', () => {
    recomputeTray(db, s, now);
    recordDecision(db, s, {
      billQboId: '230',
      action: 'delay',
      plannedDate: '2024-06-14',
      note: null,
      decidedBy: 'local',
      now: now.toISOString(),
    });
    recomputeTray(db, s, now);
    expect(open()).not.toContainEqual(['BILL_OVERDUE_NO_DECISION', 'Bill:230']);
  });

  it('raises SYNC_STALE when an entity has not synced within its policy, and only then', () => {
    markSynced(db, s, new Date(2024, 5, 1, 9).toISOString(), ['Bill']);
    recomputeTray(db, s, now);
    const stale = listHygieneItems(db, s).filter((i) => i.code === 'SYNC_STALE');
    expect(stale.map((i) => i.title)).toEqual(['Sync is stale for Bill']);
  });

  it('looks again when an entity’s freshness runs out during the day, with no sync in between', () => {
    markSynced(db, s, new Date(2024, 5, 3, 9).toISOString()); // every entity fresh at 9:00
    expect(refreshTrays(db, s.advisorId, new Date(2024, 5, 3, 10))).toEqual([s.businessId]);
    expect(listHygieneItems(db, s).filter((i) => i.code === 'SYNC_STALE')).toEqual([]);
    expect(refreshTrays(db, s.advisorId, new Date(2024, 5, 3, 11))).toEqual([]); // nothing to look at yet
    // Six hours on (the least any policy allows), Bill and Invoice (15 min policies) have gone stale.
    expect(refreshTrays(db, s.advisorId, new Date(2024, 5, 3, 15, 5))).toEqual([s.businessId]);
    expect(
      listHygieneItems(db, s)
        .filter((i) => i.code === 'SYNC_STALE')
        .map((i) => i.entity),
    ).toEqual(expect.arrayContaining(['Bill', 'Invoice']));
  });

  it('recomputes only the trays whose client synced or whose day changed', () => {
    // plantBooks ended as a sync ends, with the tray computed: nothing to do until something changes.
    expect(refreshTrays(db, s.advisorId, now)).toEqual([]);
    markSynced(db, s, new Date(2024, 5, 3, 11, 30).toISOString(), ['Invoice']);
    expect(refreshTrays(db, s.advisorId, now)).toEqual([s.businessId]);
    expect(refreshTrays(db, s.advisorId, new Date(2024, 5, 4, 9))).toEqual([s.businessId]);
  });
});
