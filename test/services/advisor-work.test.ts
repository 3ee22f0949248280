// The advisor's screens end to end through the handler table, over books written the way sync writes them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  CallList,
  ClientOverview,
  ConsoleView,
  TrayItem,
} from '../../src/core/advisor-work.ts';
import { openDataDir } from '../../src/main/db/data-dir.ts';
import type { Db } from '../../src/main/db/open.ts';
import { bill, billPayment, writeRecords, type Scope } from '../support/qbo-books.ts';
import { now, plantBooks } from '../support/planted-books.ts';
import { handlersAt, value } from '../support/handlers.ts';
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

const decisionsCount = () =>
  (db.prepare('SELECT COUNT(*) AS n FROM decisions').get() as { n: number }).n;

describe('client overview', () => {
  it('shows cash, the forecast’s runway and lowest point, confidence, items, bills due, receivables and health', async () => {
    const { call } = handlersAt(db, now);
    const [c] = value<ClientOverview[]>(await call('clients:overview', {}));
    const f = value(await call('forecast:get', { businessId: s.businessId }));
    // Cash 12,500.00 (inactive account left out); runway, lowest point and confidence are the daily forecast's.
    expect(c).toMatchObject({ businessId: s.businessId, connectionState: 'connected' });
    expect(c!.figures).toMatchObject({
      cashCents: 1_250_000,
      runwayDays: f.runwayDays,
      lowest: f.lowest,
      firstBelowZero: f.firstBelowZero,
      confidence: f.confidence,
      billsDueThisWeek: { count: 1, cents: 43_210 },
      overdueReceivables: { count: 1, cents: 90_000 },
    });
    expect(c!.figures!.confidence.flaggedShare).toBeGreaterThan(0.5);
    expect(c!.openItems).toEqual({ high: 4, medium: 9, low: 3 });
    expect(c!.health).toBe('amber');
    expect(c!.healthReasons).toContain('4 high-severity tray items');
  });
});

describe('decision console', () => {
  it('groups complete open bills overdue / this week / later with their runway impact', async () => {
    const { call } = handlersAt(db, now);
    const v = value<ConsoleView>(await call('console:list', { businessId: s.businessId }));
    expect(v.groups.overdue.map((b) => b.qboId)).toEqual(['230']);
    expect(v.groups.this_week.map((b) => b.qboId)).toEqual(['220']);
    expect(v.groups.later.map((b) => b.qboId)).toEqual(['210', '100', '211', '201', '202', '240']);
    const b210 = v.groups.later[0]!;
    expect(b210.flags).toEqual(['DUPLICATE_BILL']);
    expect(b210.runwayIfPaidNow).toBe(225);
    const fx = v.groups.later.find((b) => b.qboId === '240')!;
    expect(fx).toMatchObject({ currency: 'EUR', balanceCents: 50_000, homeCents: 54_000 });
  });

  it('a decision changes the runway as expected and survives a restart', async () => {
    const { call } = handlersAt(db, now);
    // Bill 210 (777.00) delayed past week 13: closing(13) = 10,394.30 → 13 + floor(1039430/4520) = 242.
    const r = value(
      await call('decisions:record', {
        businessId: s.businessId,
        billQboId: '210',
        action: 'delay',
        plannedDate: '2024-09-10',
        note: 'after harvest',
      }),
    );
    expect(r.runwayWeeks).toBe(242);
    db.close();
    db = env.db = openDataDir(env.dir);
    const again = handlersAt(db, now);
    const [c] = value<ClientOverview[]>(await again.call('clients:overview', {}));
    const f = value(await again.call('forecast:get', { businessId: s.businessId }));
    expect(c!.figures).toMatchObject({ runwayDays: f.runwayDays, lowest: f.lowest });
    const v = value<ConsoleView>(await again.call('console:list', { businessId: s.businessId }));
    expect(v.groups.later.find((b) => b.qboId === '210')!.decision).toMatchObject({
      action: 'delay',
      plannedDate: '2024-09-10',
      note: 'after harvest',
      decidedBy: 'local',
    });
  });

  it('refuses unknown clients and bills, bad or past dates and paid bills, writing nothing', async () => {
    const { call } = handlersAt(db, now);
    const attempts = [
      [{ businessId: 'nope', billQboId: '100', action: 'pay_now' }, 'NOT_FOUND'],
      [{ businessId: s.businessId, billQboId: '999', action: 'pay_now' }, 'NOT_FOUND'],
      [
        { businessId: s.businessId, billQboId: '100', action: 'delay', plannedDate: '2024-13-01' },
        'INVALID_INPUT',
      ],
      [
        { businessId: s.businessId, billQboId: '100', action: 'delay', plannedDate: '06/10/2024' },
        'INVALID_INPUT',
      ],
      [
        { businessId: s.businessId, billQboId: '100', action: 'delay', plannedDate: '2024-06-01' },
        'INVALID_INPUT',
      ],
      [{ businessId: s.businessId, billQboId: '100', action: 'delay' }, 'INVALID_INPUT'],
      [{ businessId: s.businessId, billQboId: '101', action: 'pay_now' }, 'CONFLICT'],
    ] as const;
    for (const [arg, code] of attempts) {
      const r = await call('decisions:record', arg);
      expect(r.ok ? 'ok' : r.error.code, JSON.stringify(arg)).toBe(code);
    }
    expect(decisionsCount()).toBe(0);
  });

  it('compares a decision with what QBO later shows: paid, and when', async () => {
    await handlersAt(db, now).call('decisions:record', {
      businessId: s.businessId,
      billQboId: '100',
      action: 'delay',
      plannedDate: '2024-06-10',
    });
    writeRecords(db, s, 'BillPayment', [
      billPayment({
        id: '701',
        bankAccountId: '35',
        txnDate: '2024-06-12',
        totalCents: 30_000,
        billId: '100',
      }),
    ]);
    writeRecords(db, s, 'Bill', [
      {
        ...bill({
          id: '100',
          txnDate: '2024-05-21',
          dueDate: '2024-06-20',
          totalCents: 30_000,
          balanceCents: 0,
          paidBy: '701',
        }),
        SyncToken: '1',
      },
    ]);
    const later = new Date(2024, 5, 13, 9);
    const v = value<ConsoleView>(
      await handlersAt(db, later).call('console:list', { businessId: s.businessId }),
    );
    expect(v.settled).toEqual([
      expect.objectContaining({
        billQboId: '100',
        outcome: 'paid',
        outcomeDate: '2024-06-12',
        plannedDate: '2024-06-10',
        daysLate: 2,
      }),
    ]);
    expect(
      [...v.groups.overdue, ...v.groups.this_week, ...v.groups.later].map((b) => b.qboId),
    ).not.toContain('100');
  });
});

describe('collections and tray through the contract', () => {
  it('lists 30+ day overdue invoices in buckets, and a logged call clears INVOICE_OVERDUE_NO_CALL', async () => {
    const { call, raw } = handlersAt(db, now);
    const list = value<CallList>(await call('calls:list', {}));
    expect(list.entries.map((e) => [e.invoiceQboId, e.bucket, e.daysOverdue, e.due])).toEqual([
      ['420', '30', 44, true],
    ]);
    value(
      await call('calls:record', {
        businessId: s.businessId,
        invoiceQboId: '420',
        outcome: 'promised',
        promisedDate: '2024-06-14',
        followUpOn: '2024-06-15',
      }),
    );
    const after = value<CallList>(await call('calls:list', {}));
    expect(after.entries[0]).toMatchObject({
      due: false,
      lastCall: { outcome: 'promised', promisedDate: '2024-06-14' },
    });
    const items = value<TrayItem[]>(await call('tray:list', { businessId: s.businessId }));
    expect(items.map((i) => i.code)).not.toContain('INVOICE_OVERDUE_NO_CALL');
    const bad = await raw('calls:record', {
      businessId: s.businessId,
      invoiceQboId: '420',
      outcome: 'shouted',
    });
    expect(bad.ok).toBe(false);
  });

  it('approves, excludes and reopens tray items', async () => {
    const { call } = handlersAt(db, now);
    const items = value<TrayItem[]>(await call('tray:list', { businessId: s.businessId }));
    const quiet = items.find((i) => i.code === 'BANK_ACCOUNT_QUIET')!;
    expect(
      value<TrayItem>(
        await call('tray:decide', {
          businessId: s.businessId,
          itemId: quiet.id,
          decision: 'exclude',
          note: 'closed soon',
        }),
      ).status,
    ).toBe('excluded');
    expect(
      value<TrayItem[]>(await call('tray:list', { businessId: s.businessId })).map((i) => i.id),
    ).not.toContain(quiet.id);
    expect(
      value<TrayItem>(
        await call('tray:decide', {
          businessId: s.businessId,
          itemId: quiet.id,
          decision: 'reopen',
        }),
      ).status,
    ).toBe('open');
    const missing = await call('tray:decide', {
      businessId: s.businessId,
      itemId: 99_999,
      decision: 'approve',
    });
    expect(missing.ok ? 'ok' : missing.error.code).toBe('NOT_FOUND');
  });
});
