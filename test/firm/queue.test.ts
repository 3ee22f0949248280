// The queue of work to push (SQLite migration 018's triggers): only a firm client's work is queued, in the
// same transaction that records it, each op with a uuid made here and the hub version it was made on; a
// desktop on its own never queues anything; work written while pulled work is applied is not queued.
import { describe, expect, it } from 'vitest';
import { openDataDir } from '../../src/main/db/data-dir.ts';
import {
  addFirmClient,
  beginApplyingHubWork,
  endApplyingHubWork,
  holdItemSeq,
  unpushedCount,
  unpushedOps,
} from '../../src/main/db/repositories/firm.ts';
import { recordDecision } from '../../src/main/db/repositories/decisions.ts';
import { writeTransaction } from '../../src/main/db/transaction.ts';
import { addClient, bill, writeRecords } from '../support/qbo-books.ts';
import { handlersAt, value } from '../support/handlers.ts';
import { tempDir } from '../support/temp.ts';

describe('the firm queue', () => {
  it("queues a firm client's work only, with a uuid and its base version, and nothing pulled", async () => {
    const dir = tempDir();
    const db = openDataDir(dir);
    const own = addClient(db, 'local', '111', 'Own Bakery');
    const firm = addClient(db, 'local', '222', 'Firm Florist');
    for (const s of [own, firm])
      writeRecords(db, s, 'Bill', [
        bill({ id: '5', txnDate: '2030-01-01', dueDate: '2030-02-01' }),
      ]);
    const { call, runtime } = handlersAt(db, new Date('2030-01-10T12:00:00Z'));

    value(
      await call('decisions:record', {
        businessId: own.businessId,
        billQboId: '5',
        action: 'hold',
      }),
    );
    expect(unpushedCount(db)).toBe(0);

    addFirmClient(db, firm.businessId, 'qbo-222', true);
    holdItemSeq(db, firm.businessId, 'decision', 'bill:5', 41);
    value(
      await call('decisions:record', {
        businessId: firm.businessId,
        billQboId: '5',
        action: 'delay',
        plannedDate: '2030-03-01',
        note: 'after the wedding season',
      }),
    );
    const [op, ...rest] = unpushedOps(db, 10);
    expect(rest).toEqual([]);
    expect(op).toEqual({
      opId: expect.stringMatching(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      ),
      businessId: firm.businessId,
      kind: 'decision',
      itemKey: 'bill:5',
      baseSeq: 41,
      createdAt: '2030-01-10T12:00:00.000Z',
      body: {
        billQboId: '5',
        action: 'delay',
        plannedDate: '2030-03-01',
        note: 'after the wedding season',
        decidedBy: 'local',
        decidedAt: '2030-01-10T12:00:00.000Z',
      },
    });

    // Work written while pulled work is applied is not queued back to the hub; afterwards it is again.
    writeTransaction(db, () => {
      beginApplyingHubWork(db);
      recordDecision(db, firm, {
        billQboId: '5',
        action: 'pay_now',
        plannedDate: null,
        note: null,
        decidedBy: 'bob@firm.test',
        now: '2030-01-10T13:00:00.000Z',
      });
      endApplyingHubWork(db);
    });
    expect(unpushedCount(db)).toBe(1);
    value(
      await call('decisions:record', {
        businessId: firm.businessId,
        billQboId: '5',
        action: 'hold',
      }),
    );
    expect(unpushedCount(db)).toBe(2);
    // Two ops, two ids.
    expect(new Set(unpushedOps(db, 10).map((o) => o.opId)).size).toBe(2);
    await runtime.close();
    db.close();
  });
});
