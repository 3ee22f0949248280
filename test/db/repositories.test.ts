import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { toMirrorRow, isRejected, type MirrorRow } from '../../src/core/mirror/columns.ts';
import { openDatabase, type Db } from '../../src/main/db/open.ts';
import {
  deleteClient,
  getClient,
  listClients,
  saveClient,
  setConnectionState,
} from '../../src/main/db/repositories/clients.ts';
import {
  callsForInvoice,
  latestCalls,
  recordCall,
} from '../../src/main/db/repositories/collection-calls.ts';
import {
  currentDecisions,
  decisionHistory,
  recordDecision,
} from '../../src/main/db/repositories/decisions.ts';
import { lastDigest, saveDigest } from '../../src/main/db/repositories/digests.ts';
import { setTtlSeconds, ttlSeconds } from '../../src/main/db/repositories/entity-policy.ts';
import {
  decideHygieneItem,
  listHygieneItems,
  raiseHygieneItem,
  resolveMissing,
} from '../../src/main/db/repositories/hygiene-items.ts';
import { appendLog, recentLog } from '../../src/main/db/repositories/integration-log.ts';
import {
  countMirror,
  readMirror,
  upsertMirrorRows,
} from '../../src/main/db/repositories/mirror.ts';
import { fixesToSend, recordFixRow, updateFix } from '../../src/main/db/repositories/outbox.ts';
import { getSyncState, putSyncState } from '../../src/main/db/repositories/sync-state.ts';
import { fixture } from '../support/fixtures.ts';
import { tempDir } from '../support/temp.ts';

const now = '2026-11-26T10:00:00.000Z';
const advisorId = 'local';

let db: Db;
let scope: { advisorId: string; businessId: string };

beforeEach(() => {
  db = openDatabase(join(tempDir(), 'repo.db'));
  const businessId = saveClient(db, {
    advisorId,
    realmId: '9130',
    environment: 'sandbox',
    displayName: 'Craig’s Design',
    now,
  });
  scope = { advisorId, businessId };
  return () => db.close();
});

const mapped = (entity: 'Bill' | 'Invoice', raw: unknown): { row: MirrorRow; raw: string } => {
  const row = toMirrorRow(entity, raw);
  if (isRejected(row)) throw new Error(row.reason);
  return { row, raw: JSON.stringify(raw) };
};

describe('clients', () => {
  it('saves, lists, reconnects and forgets a client', () => {
    expect(listClients(db, advisorId)).toHaveLength(1);
    // Connecting the same realm again reuses the business id.
    expect(
      saveClient(db, {
        advisorId,
        realmId: '9130',
        environment: 'sandbox',
        displayName: 'Renamed',
        now,
      }),
    ).toBe(scope.businessId);
    expect(setConnectionState(db, advisorId, scope.businessId, 'reconnect_needed')).toBe(true);
    expect(getClient(db, advisorId, scope.businessId)).toMatchObject({
      displayName: 'Renamed',
      connectionState: 'reconnect_needed',
      realmId: '9130',
    });
    expect(listClients(db, 'someone-else')).toEqual([]);
    expect(deleteClient(db, advisorId, scope.businessId)).toBe(true);
    expect(listClients(db, advisorId)).toEqual([]);
  });
});

describe('mirror', () => {
  it('stores a real bill with its SyncToken, raw JSON and extracted columns', () => {
    const bill = fixture('bill_open_multi_line.json') as {
      Id: string;
      SyncToken: string;
      TotalAmt: number;
    };
    db.transaction(() => upsertMirrorRows(db, scope, 'Bill', [mapped('Bill', bill)], now))();
    const row = db.prepare('SELECT * FROM mirror_bills WHERE qbo_id = ?').get(bill.Id) as Record<
      string,
      unknown
    >;
    expect(row.version).toBe(bill.SyncToken);
    expect(row.total_cents).toBe(Math.round(bill.TotalAmt * 100));
    expect(row.balance_cents).toBe(row.total_cents);
    expect(row.vendor_id).toBeTruthy();
    expect(JSON.parse(row.data as string)).toEqual(bill);
    expect(readMirror(db, scope, 'Bill')[0]?.data).toEqual(bill);
  });

  it('updates in place on a newer version and keeps a deletion as a tombstone', () => {
    const invoice = fixture('invoice_open_multi_line.json') as Record<string, unknown> & {
      Id: string;
    };
    upsertMirrorRows(db, scope, 'Invoice', [mapped('Invoice', invoice)], now);
    upsertMirrorRows(
      db,
      scope,
      'Invoice',
      [mapped('Invoice', { ...invoice, SyncToken: '9', Balance: 0 })],
      now,
    );
    expect(countMirror(db, scope, 'Invoice')).toBe(1);
    expect(db.prepare('SELECT version, balance_cents FROM mirror_invoices').get()).toEqual({
      version: '9',
      balance_cents: 0,
    });
    upsertMirrorRows(
      db,
      scope,
      'Invoice',
      [
        mapped('Invoice', {
          domain: 'QBO',
          status: 'Deleted',
          Id: invoice.Id,
          MetaData: { LastUpdatedTime: '2026-11-26T02:00:00-08:00' },
        }),
      ],
      now,
    );
    expect(countMirror(db, scope, 'Invoice')).toBe(0);
    expect(countMirror(db, scope, 'Invoice', true)).toBe(1);
  });

  it('flags bad values instead of dropping the record, and rejects a record with no Id', () => {
    const bill = {
      ...(fixture('bill_open_single_line.json') as object),
      ExchangeRate: 'lots',
      DueDate: '31/12/2026',
    };
    const row = toMirrorRow('Bill', bill);
    expect(isRejected(row)).toBe(false);
    expect((row as MirrorRow).problems).toEqual(
      expect.arrayContaining([
        'ExchangeRate: "lots" is not an exchange rate',
        'DueDate: "31/12/2026" is not a date (YYYY-MM-DD)',
      ]),
    );
    upsertMirrorRows(
      db,
      scope,
      'Bill',
      [{ row: row as MirrorRow, raw: JSON.stringify(bill) }],
      now,
    );
    expect(readMirror(db, scope, 'Bill')[0]?.problems).toHaveLength(2);
    expect(toMirrorRow('Bill', { TotalAmt: 5 })).toEqual({
      reason: 'Bill: missing or malformed Id',
      qboId: null,
    });
  });
});

describe('log, policy and sync state', () => {
  it('appends INBOUND log rows and reads them newest first', () => {
    appendLog(db, {
      ...scope,
      direction: 'INBOUND',
      entity: 'Bill',
      operation: 'query',
      status: 'ok',
      recordCount: 3,
      intuitTid: 'tid-1',
      at: now,
    });
    appendLog(db, {
      ...scope,
      direction: 'INBOUND',
      entity: 'Bill',
      operation: 'cdc',
      status: 'error',
      error: 'throttled',
      at: now,
    });
    expect(recentLog(db, advisorId, scope.businessId).map((r) => r.operation)).toEqual([
      'cdc',
      'query',
    ]);
  });

  it('seeds a freshness policy for every mirrored entity and lets it change', () => {
    expect(ttlSeconds(db, 'Bill')).toBeGreaterThan(0);
    setTtlSeconds(db, 'Bill', 60);
    expect(ttlSeconds(db, 'Bill')).toBe(60);
  });

  it('keeps the cursor when only the error changes', () => {
    putSyncState(db, scope, 'Bill', { cursor: '2026-11-01T00:00:00Z', lastSuccessAt: now });
    putSyncState(db, scope, 'Bill', { lastError: 'offline', lastErrorAt: now });
    expect(getSyncState(db, scope, 'Bill')).toMatchObject({
      cursor: '2026-11-01T00:00:00Z',
      lastError: 'offline',
    });
  });
});

describe('the advisor’s plan', () => {
  it('raises, approves, resolves and reopens hygiene items', () => {
    const finding = {
      code: 'DUPLICATE_BILL' as const,
      severity: 'high' as const,
      entity: 'Bill',
      recordKey: '12,57',
      qboIds: ['12', '57'],
      title: 'Likely duplicate',
    };
    raiseHygieneItem(db, scope, finding, now);
    raiseHygieneItem(db, scope, finding, now);
    const [item] = listHygieneItems(db, scope);
    expect(item).toMatchObject({ code: 'DUPLICATE_BILL', qboIds: ['12', '57'], status: 'open' });
    expect(resolveMissing(db, scope, ['DUPLICATE_BILL'], new Set(), now)).toBe(1);
    expect(listHygieneItems(db, scope)).toEqual([]);
    raiseHygieneItem(db, scope, finding, now);
    expect(listHygieneItems(db, scope)).toHaveLength(1);
    expect(decideHygieneItem(db, scope, item!.id, 'approved', advisorId, 'known', now)).toBe(true);
    raiseHygieneItem(db, scope, finding, now);
    expect(listHygieneItems(db, scope, ['approved'])[0]).toMatchObject({
      status: 'approved',
      note: 'known',
    });
  });

  it('keeps decision history with only the latest current', () => {
    recordDecision(db, scope, {
      billQboId: '12',
      action: 'delay',
      plannedDate: '2026-12-14',
      note: null,
      decidedBy: advisorId,
      now,
    });
    recordDecision(db, scope, {
      billQboId: '12',
      action: 'pay_now',
      plannedDate: null,
      note: 'cash came in',
      decidedBy: advisorId,
      now,
    });
    expect(currentDecisions(db, scope).map((d) => d.action)).toEqual(['pay_now']);
    expect(decisionHistory(db, scope, '12')).toHaveLength(2);
  });

  it('logs collection calls and finds the latest per invoice across clients', () => {
    recordCall(db, scope, {
      invoiceQboId: '130',
      outcome: 'no_answer',
      promisedDate: null,
      followUpOn: '2026-11-28',
      note: null,
      calledBy: advisorId,
      calledAt: now,
    });
    recordCall(db, scope, {
      invoiceQboId: '130',
      outcome: 'promised',
      promisedDate: '2026-12-01',
      followUpOn: null,
      note: null,
      calledBy: advisorId,
      calledAt: '2026-11-27T10:00:00.000Z',
    });
    expect(callsForInvoice(db, scope, '130')).toHaveLength(2);
    expect(latestCalls(db, advisorId)).toEqual([
      expect.objectContaining({ outcome: 'promised', promisedDate: '2026-12-01' }),
    ]);
  });

  it('queues fixes for QBO with a fixed request id, and a sending one goes again', () => {
    const fix = (requestId: string) => ({
      entity: 'Bill',
      qboId: '12',
      operation: 'update' as const,
      summary: 'set due date',
      changes: { DueDate: '2026-12-20' },
      before: { DueDate: '2026-12-01' },
      baseVersion: '0',
      requestId,
      now,
    });
    recordFixRow(db, scope, fix('r-1'));
    const [w] = fixesToSend(db, scope);
    expect(w).toMatchObject({
      requestId: 'r-1',
      state: 'pending',
      attempts: 0,
      changes: { DueDate: '2026-12-20' },
    });
    updateFix(db, w!.id, { state: 'sending', attempt: true }, now);
    expect(fixesToSend(db, scope)).toEqual([
      expect.objectContaining({ state: 'sending', attempts: 1, requestId: 'r-1' }),
    ]);
    updateFix(db, w!.id, { state: 'applied', appliedVersion: '1' }, now);
    expect(fixesToSend(db, scope)).toEqual([]);
    expect(() => recordFixRow(db, scope, fix('r-1'))).toThrow(/UNIQUE/);
  });

  it('remembers the last digest', () => {
    saveDigest(db, scope, { createdAt: now, cashCents: 100, runwayWeeks: 4, data: { a: 1 } });
    expect(lastDigest(db, scope)).toMatchObject({ cashCents: 100, runwayWeeks: 4, data: { a: 1 } });
  });
});
