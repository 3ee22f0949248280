// Regression tests for the code review of the advisor's work (held bills, currencies, burn, tray, CLI).
// Real SQLite files, QBO-shaped records written through toMirrorRow + upsertMirrorRows (writeRecords).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  CallList,
  ClientOverview,
  ConsoleView,
  TrayItem,
} from '../../src/core/advisor-work.ts';
import { main } from '../../src/main/cli/main.ts';
import type { CliIo } from '../../src/main/cli/io.ts';
import {
  decideHygieneItem,
  listHygieneItems,
} from '../../src/main/db/repositories/hygiene-items.ts';
import { recomputeTray } from '../../src/main/services/tray/recompute.ts';
import { handlersAt, value } from '../support/handlers.ts';
import { markSynced, now, plantBooks } from '../support/planted-books.ts';
import {
  account,
  addClient,
  bill,
  invoice,
  purchase,
  writeRecords,
  type Scope,
} from '../support/qbo-books.ts';
import { tempDataDir } from '../support/temp-db.ts';
import { openDataDir } from '../../src/main/db/data-dir.ts';
import type { Db } from '../../src/main/db/open.ts';

let env: ReturnType<typeof tempDataDir>;
afterEach(() => env.cleanup());

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => (out += t),
    err: (t) => (err += t),
    isTTY: false,
    env: { ROWCOL_NOW: '2024-06-03T12:00:00' },
  };
  const code = await main(['--data-dir', env.dir, ...argv], io);
  return { code, out, err };
}

describe('rowcol calls', () => {
  let businessId: string;
  beforeEach(() => {
    env = tempDataDir();
    const s = addClient(env.db, 'local', '9001', 'Two Currency Co');
    businessId = s.businessId;
    writeRecords(env.db, s, 'Invoice', [
      invoice({ id: '1', txnDate: '2024-04-01', dueDate: '2024-04-20', totalCents: 100_000 }),
      invoice({
        id: '2',
        txnDate: '2024-04-01',
        dueDate: '2024-04-20',
        totalCents: 50_000,
        currency: 'EUR',
        exchangeRate: 1.1,
      }),
    ]);
    env.db.close();
  });

  it('totals each currency on its own, never one sum', async () => {
    const list = JSON.parse((await run('calls', '--json')).out) as CallList;
    expect(list.totals['30']).toEqual({ count: 2, byCurrency: { USD: 100_000, EUR: 50_000 } });
    expect(
      (JSON.parse((await run('calls', '--client', businessId, '--json')).out) as CallList).totals,
    ).toEqual(list.totals);
    const text = (await run('calls')).out;
    expect(text).toContain('30-59 days: 2 · EUR 500.00 + $1,000.00');
    expect(text).not.toContain('$1,500.00');
  });

  it('refuses an unknown client in one line with exit 2', async () => {
    const r = await run('calls', '--client', 'UNKNOWN');
    expect(r.code).toBe(2);
    expect(r.err).toContain('No client UNKNOWN.');
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.out).toBe('');
  });
});

describe('cash and burn (runway inputs)', () => {
  // today 2024-06-03; burn window 2024-03-11 .. 2024-06-02 (12 weeks). Weekly burn = window total / 12.
  const at = new Date(2024, 5, 3, 12, 0, 0);
  let s: Scope;
  beforeEach(() => {
    env = tempDataDir();
    s = addClient(env.db, 'local', '9002', 'Maple Outfitters');
    markSynced(env.db, s, new Date(2024, 5, 3, 11, 0, 0).toISOString());
  });
  const overview = async () =>
    value<ClientOverview[]>(await handlersAt(env.db, at).call('clients:overview', {}))[0]!;
  /** The share of the forecast's placed money outside flagged records (what the list calls confidence). */
  const trusted = (c: ClientOverview) => 1 - c.figures!.confidence.flaggedShare;
  const items = () => listHygieneItems(env.db, s).map((i) => [i.code, i.entity, i.qboIds.join()]);

  it('counts a foreign bank account at its home-currency balance; without one leaves it out and flags it', async () => {
    writeRecords(env.db, s, 'Account', [
      account('35', 'Checking', 'Bank', 1_000_000),
      account('90', 'Euro Account', 'Bank', 200_000, {
        currency: 'EUR',
        homeBalanceCents: 220_000,
      }),
      account('91', 'Peso Account', 'Bank', 500_000, { currency: 'MXN' }),
    ]);
    const c = await overview();
    expect(c.figures!.cashCents).toBe(1_000_000 + 220_000);
    expect(items()).toContainEqual(['FOREIGN_CURRENCY', 'Account', '91']);
    expect(
      items().filter(([code, entity]) => code === 'FOREIGN_CURRENCY' && entity === 'Account'),
    ).toHaveLength(1);
  });

  it('an unconvertible foreign bank account makes the projection doubtful (confidence 0), until fixed', async () => {
    writeRecords(env.db, s, 'Account', [
      account('35', 'Checking', 'Bank', 1_000_000),
      account('91', 'Peso Account', 'Bank', 500_000, { currency: 'MXN' }),
    ]);
    writeRecords(env.db, s, 'Bill', [
      bill({ id: '7', txnDate: '2024-05-20', dueDate: '2024-06-20', totalCents: 30_000 }),
    ]);
    expect(trusted(await overview())).toBe(0);
    writeRecords(env.db, s, 'Account', [
      account('91', 'Peso Account', 'Bank', 500_000, { currency: 'MXN', homeBalanceCents: 29_000 }),
    ]);
    markSynced(env.db, s, new Date(2024, 5, 3, 11, 30, 0).toISOString());
    const c = await overview();
    expect(c.figures!.cashCents).toBe(1_029_000);
    expect(trusted(c)).toBe(1);
  });

  it('converts a foreign Purchase with its ExchangeRate; without one leaves it out of burn and flags it', async () => {
    writeRecords(env.db, s, 'Account', [account('35', 'Checking', 'Bank', 1_000_000)]);
    writeRecords(env.db, s, 'Purchase', [
      purchase({ id: '501', accountId: '35', txnDate: '2024-05-01', totalCents: 60_000 }),
      purchase({
        id: '502',
        accountId: '35',
        txnDate: '2024-05-02',
        totalCents: 40_000,
        currency: 'CAD',
        exchangeRate: 0.75,
      }), // 300.00 home
      purchase({
        id: '503',
        accountId: '35',
        txnDate: '2024-05-03',
        totalCents: 99_900,
        currency: 'JPY',
      }), // no rate: left out
    ]);
    const con = value<ConsoleView>(
      await handlersAt(env.db, at).call('console:list', { businessId: s.businessId }),
    );
    // (600.00 + 300.00) / 12 = 75.00
    expect(con.runway.weeklyBurnCents).toBe(7_500);
    expect(con.runway.excluded.foreignWithoutRate).toBe(1);
    expect(items()).toContainEqual(['FOREIGN_CURRENCY', 'Purchase', '503']);
  });

  it('a Purchase credit (refund) lowers the burn instead of adding to it', async () => {
    writeRecords(env.db, s, 'Account', [account('35', 'Checking', 'Bank', 1_000_000)]);
    writeRecords(env.db, s, 'Purchase', [
      purchase({
        id: '601',
        accountId: '36',
        accountName: 'Visa',
        paymentType: 'CreditCard',
        txnDate: '2024-05-01',
        totalCents: 150_000,
      }),
      purchase({
        id: '602',
        accountId: '36',
        accountName: 'Visa',
        paymentType: 'CreditCard',
        credit: true,
        txnDate: '2024-05-08',
        totalCents: 30_000,
      }),
    ]);
    const con = value<ConsoleView>(
      await handlersAt(env.db, at).call('console:list', { businessId: s.businessId }),
    );
    // (1,500.00 - 300.00) / 12 = 100.00
    expect(con.runway.weeklyBurnCents).toBe(10_000);
  });

  it.each(['Account', 'Purchase'])(
    'a stale %s sync makes the whole projection doubtful',
    async (entity) => {
      writeRecords(env.db, s, 'Account', [account('35', 'Checking', 'Bank', 1_000_000)]);
      writeRecords(env.db, s, 'Bill', [
        bill({ id: '7', txnDate: '2024-05-20', dueDate: '2024-06-20', totalCents: 30_000 }),
      ]);
      writeRecords(env.db, s, 'Invoice', [
        invoice({ id: '8', txnDate: '2024-05-20', dueDate: '2024-06-12', totalCents: 20_000 }),
      ]);
      markSynced(env.db, s, new Date(2024, 4, 1).toISOString(), [entity]);
      const c = await overview();
      expect(items()).toContainEqual(['SYNC_STALE', entity, '']);
      expect(trusted(c)).toBe(0);
    },
  );

  it('with every entity fresh the same books are fully trusted', async () => {
    writeRecords(env.db, s, 'Account', [account('35', 'Checking', 'Bank', 1_000_000)]);
    writeRecords(env.db, s, 'Bill', [
      bill({ id: '7', txnDate: '2024-05-20', dueDate: '2024-06-20', totalCents: 30_000 }),
    ]);
    writeRecords(env.db, s, 'Invoice', [
      invoice({ id: '8', txnDate: '2024-05-20', dueDate: '2024-06-12', totalCents: 20_000 }),
    ]);
    expect(trusted(await overview())).toBe(1);
  });
});

describe('tray items when the data is fixed', () => {
  it('resolves approved items too; excluded items stay excluded', () => {
    env = tempDataDir();
    const s = plantBooks(env.db);
    recomputeTray(env.db, s, now);
    const byKey = (key: string) =>
      listHygieneItems(env.db, s, ['open', 'approved', 'excluded', 'resolved']).find(
        (i) => i.recordKey === key,
      )!;
    decideHygieneItem(
      env.db,
      s,
      byKey('Bill:260').id,
      'approved',
      'local',
      'due date on its way',
      now.toISOString(),
    );
    decideHygieneItem(
      env.db,
      s,
      byKey('Invoice:430').id,
      'excluded',
      'local',
      null,
      now.toISOString(),
    );
    writeRecords(env.db, s, 'Bill', [
      bill({
        id: '260',
        vendor: { id: '49', name: 'Robertson & Associates' },
        txnDate: '2024-05-30',
        dueDate: '2024-06-29',
        totalCents: 9_900,
      }),
    ]);
    writeRecords(env.db, s, 'Invoice', [
      invoice({ id: '430', txnDate: '2024-05-25', dueDate: '2024-06-24', totalCents: 11_000 }),
    ]);
    recomputeTray(env.db, s, now);
    expect(byKey('Bill:260')).toMatchObject({ code: 'MISSING_DUE_DATE', status: 'resolved' });
    expect(byKey('Invoice:430')).toMatchObject({
      code: 'MISSING_COUNTERPARTY',
      status: 'excluded',
    });
  });
});

describe('a client whose home currency is not USD', () => {
  let businessId: string;
  beforeEach(() => {
    env = tempDataDir();
    const s = addClient(env.db, 'local', '9003', 'Toronto Tiles', 'CAD');
    businessId = s.businessId;
    const cad = { currency: 'CAD' };
    writeRecords(env.db, s, 'Account', [account('35', 'Chequing', 'Bank', 1_234_500, cad)]);
    writeRecords(env.db, s, 'Bill', [
      bill({ id: '7', txnDate: '2024-05-20', dueDate: '2024-06-20', totalCents: 30_000, ...cad }),
      bill({
        id: '8',
        txnDate: '2024-05-20',
        dueDate: '2024-06-21',
        totalCents: 10_000,
        currency: 'EUR',
      }),
    ]);
    recomputeTray(env.db, s, now);
    env.db.close();
  });

  it('shows the console and tray in its own currency, never as $', async () => {
    const view = JSON.parse(
      (await run('console', '--client', businessId, '--json')).out,
    ) as ConsoleView;
    expect(view.homeCurrency).toBe('CAD');
    const text = (await run('console', '--client', businessId)).out;
    expect(text).toContain('cash CAD 12,345.00');
    expect(text).toMatch(/Later: 2 bills, CAD 300\.00/);
    expect(text).not.toContain('$');
    const tray = (await run('tray', '--client', businessId)).out;
    expect(tray).toMatch(/FOREIGN_CURRENCY.*EUR 100\.00/);
    expect(tray).not.toContain('$');
  });
});

describe('tray amounts and their currency', () => {
  const trayOf = async (db: Db, businessId: string) =>
    value<TrayItem[]>(await handlersAt(db, now).call('tray:list', { businessId })).map((i) => [
      i.code,
      i.qboIds.join(),
      i.amountCents,
      i.currency,
    ]);

  it("gives a foreign record's item the record's currency and every other item the home currency, also on a database from before", async () => {
    env = tempDataDir();
    const s = addClient(env.db, 'local', '9004', 'Toronto Tiles', 'CAD');
    markSynced(env.db, s, new Date(2024, 5, 3, 11, 0, 0).toISOString());
    writeRecords(env.db, s, 'Bill', [
      bill({
        id: '7',
        txnDate: '2024-04-20',
        dueDate: '2024-05-20',
        totalCents: 30_000,
        currency: 'CAD',
      }), // overdue, home currency
      bill({
        id: '8',
        txnDate: '2024-05-20',
        dueDate: '2024-06-21',
        totalCents: 10_000,
        currency: 'EUR',
      }),
    ]);
    const expected = [
      ['BILL_OVERDUE_NO_DECISION', '7', 30_000, 'CAD'],
      ['FOREIGN_CURRENCY', '8', 10_000, 'EUR'],
    ];
    const tray = await trayOf(env.db, s.businessId);
    for (const item of expected) expect(tray).toContainEqual(item);

    // A database written before items kept a currency (schema 8): the upgrade reads it from the title.
    env.db.exec(
      `ALTER TABLE hygiene_items DROP COLUMN currency; DROP TABLE sync_leases; DROP TABLE recurring_choices; DROP TABLE scenarios; DROP TABLE client_summaries; ALTER TABLE clients DROP COLUMN tags; DROP TABLE tray_history; DROP TABLE tray_notes;` +
        // Migration 016 (customer contacts).
        `ALTER TABLE mirror_customers DROP COLUMN contact_name; ALTER TABLE mirror_customers DROP COLUMN email; ALTER TABLE mirror_customers DROP COLUMN phone; ALTER TABLE mirror_customers DROP COLUMN mobile;` +
        // Migration 018 (firm mode): the queue's triggers on older tables, then its tables.
        `DROP TRIGGER firm_queue_decision; DROP TRIGGER firm_queue_tray; DROP TRIGGER firm_queue_call; DROP TRIGGER firm_queue_fix; DROP TABLE firm_ops; DROP TABLE firm_items; DROP TABLE firm_clients; DROP TABLE firm_link; DROP TABLE firm_applying`,
    );
    env.db.pragma('user_version = 8');
    env.db.close();
    const upgraded = openDataDir(env.dir);
    try {
      expect(
        (
          upgraded
            .prepare(`SELECT currency FROM hygiene_items WHERE code = 'FOREIGN_CURRENCY'`)
            .get() as { currency: string }
        ).currency,
      ).toBe('EUR');
      const again = await trayOf(upgraded, s.businessId);
      for (const item of expected) expect(again).toContainEqual(item);
    } finally {
      upgraded.close();
    }
  });
});

describe('decisions on incomplete bills', () => {
  it.each([
    ['no vendor', { vendor: null, dueDate: '2024-06-20' }, 'has no vendor'],
    ['no due date', { dueDate: null }, 'has no due date'],
  ] as const)(
    'refuses a bill with %s (the console never lists it) and writes nothing',
    async (_, spec, message) => {
      env = tempDataDir();
      const s = addClient(env.db, 'local', '9004', 'Half Done Ltd');
      writeRecords(env.db, s, 'Bill', [
        bill({ id: '9', txnDate: '2024-05-20', totalCents: 30_000, ...spec }),
      ]);
      const r = await handlersAt(env.db, now).call('decisions:record', {
        businessId: s.businessId,
        billQboId: '9',
        action: 'hold',
      });
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: expect.stringContaining(message) },
      });
      expect((env.db.prepare('SELECT COUNT(*) AS n FROM decisions').get() as { n: number }).n).toBe(
        0,
      );
    },
  );
});

describe('tray thresholds from <dataDir>/tray-thresholds.json', () => {
  let businessId: string;
  beforeEach(() => {
    env = tempDataDir();
    businessId = plantBooks(env.db).businessId;
    env.db.close();
  });
  const codes = async (...extra: string[]) =>
    (
      JSON.parse((await run('tray', '--client', businessId, '--json', ...extra)).out) as TrayItem[]
    ).map((i) => `${i.code} ${i.recordKey}`);

  it('applies overrides when the tray is rechecked; reading alone changes nothing', async () => {
    expect(await codes('--recheck')).toContain('INVOICE_NEVER_SENT Invoice:410'); // 9 days unsent, default threshold 3 days
    writeFileSync(
      join(env.dir, 'tray-thresholds.json'),
      JSON.stringify({ invoiceUnsentAfterDays: 10 }),
    );
    expect(await codes()).toContain('INVOICE_NEVER_SENT Invoice:410');
    expect(await codes('--recheck')).not.toContain('INVOICE_NEVER_SENT Invoice:410');
    writeFileSync(
      join(env.dir, 'tray-thresholds.json'),
      JSON.stringify({ invoiceUnsentAfterDays: 5, bankQuietAfterDays: 30 }),
    );
    expect(await codes('--recheck')).toContain('INVOICE_NEVER_SENT Invoice:410');
  });

  it.each([
    ['{ not json', /tray-thresholds\.json is not valid JSON/],
    [
      '{"invoiceUnsentDays": 5}',
      /tray-thresholds\.json: unknown key invoiceUnsentDays; use duplicateBillWindowDays, /,
    ],
    ['{"bankQuietAfterDays": "soon"}', /bankQuietAfterDays must be a positive number/],
  ])('refuses %s in one clear line', async (text, message) => {
    writeFileSync(join(env.dir, 'tray-thresholds.json'), text);
    const r = await run('tray', '--client', businessId);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});
