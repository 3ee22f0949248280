// scenarios:open-records: what the window's scenario form offers to change (issue 12 §4), over small books
// dated by hand. Today is 2024-06-03; invoice 601 is due 06-23 and its customer has no paid history, so
// it is expected on its due date; bill 701 is overdue (it lands today), bill 702 has a delay decision.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/main/db/open.ts';
import { handlersAt, value } from '../support/handlers.ts';
import {
  account,
  addClient,
  bill,
  invoice,
  writeRecords,
  type Scope,
} from '../support/qbo-books.ts';
import { tempDataDir } from '../support/temp-db.ts';

const now = new Date(2024, 5, 3, 12, 0, 0);
const vendor = { id: '49', name: 'Robertson & Associates' };
const customer = { id: '26', name: 'Travis Waldron' };

let env: ReturnType<typeof tempDataDir>;
let db: Db;
let s: Scope;
beforeEach(() => {
  env = tempDataDir();
  db = env.db;
  s = addClient(db, 'local', '9140', 'Hand Computed Ltd');
  writeRecords(db, s, 'Account', [account('35', 'Checking', 'Bank', 100_000)]);
  writeRecords(db, s, 'Bill', [
    bill({ id: '701', vendor, txnDate: '2024-04-01', dueDate: '2024-05-20', totalCents: 40_000 }),
    bill({ id: '702', vendor, txnDate: '2024-05-21', dueDate: '2024-06-10', totalCents: 25_000 }),
    bill({
      id: '703',
      vendor,
      txnDate: '2024-04-01',
      dueDate: '2024-05-01',
      totalCents: 9_000,
      balanceCents: 0,
    }),
  ]);
  writeRecords(db, s, 'Invoice', [
    invoice({
      id: '601',
      customer,
      txnDate: '2024-05-24',
      dueDate: '2024-06-23',
      totalCents: 80_000,
    }),
  ]);
});
afterEach(() => env.cleanup());

const written = () => (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;

describe('scenarios:open-records', () => {
  it('names each open bill and invoice and dates it where the forecast places it, writing nothing', async () => {
    const { call } = handlersAt(db, now);
    value(
      await call('decisions:record', {
        businessId: s.businessId,
        billQboId: '702',
        action: 'delay',
        plannedDate: '2024-07-01',
      }),
    );
    const before = written();
    const r = value(await call('scenarios:open-records', { businessId: s.businessId }));
    expect(written()).toBe(before);
    expect(r).toMatchObject({ businessId: s.businessId, homeCurrency: 'USD', today: '2024-06-03' });
    // The paid bill is not offered; the overdue one lands today, the delayed one on its planned date.
    expect(r.bills).toEqual([
      expect.objectContaining({
        qboId: '701',
        name: 'Robertson & Associates',
        dueDate: '2024-05-20',
        amountCents: 40_000,
        paidOn: '2024-06-03',
      }),
      expect.objectContaining({ qboId: '702', amountCents: 25_000, paidOn: '2024-07-01' }),
    ]);
    expect(r.invoices).toEqual([
      expect.objectContaining({
        qboId: '601',
        name: 'Travis Waldron',
        amountCents: 80_000,
        paidOn: '2024-06-23',
      }),
    ]);
  });

  it('refuses a client that does not exist with one line', async () => {
    const { call } = handlersAt(db, now);
    const r = await call('scenarios:open-records', { businessId: 'nobody' });
    expect(r).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'No client nobody.' } });
  });
});
