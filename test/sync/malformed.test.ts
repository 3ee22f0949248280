// Malformed records never crash a sync and are never dropped silently: stored and flagged, or rejected
// with a logged reason; fetched = stored + rejected. Base records are the real fixture bills. A value QBO
// would never send in a record's own amount refuses the record (never stored as $0); a bad date or a
// bad secondary field is stored null and flagged (the rules per field: src/core/mirror/columns.ts).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDataDir } from '../../src/main/db/data-dir.ts';
import { saveClient } from '../../src/main/db/repositories/clients.ts';
import { listHygieneItems } from '../../src/main/db/repositories/hygiene-items.ts';
import { countMirror, readMirror } from '../../src/main/db/repositories/mirror.ts';
import { openTokenVault } from '../../src/main/oauth/token-vault.ts';
import { SyncEngine } from '../../src/main/sync/engine.ts';
import { startReplayQbo } from './support/replay-qbo.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { emulatorEnv, runRowcol } from '../support/rowcol-process.ts';
import { fixture } from '../support/fixtures.ts';
import type { TrayItem } from '../../src/core/advisor-work.ts';

const bill = (name: string) => fixture<Record<string, unknown>>(name);

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('malformed records', () => {
  it('stores and flags bad fields, rejects unkeyable records with a logged reason, and the counts reconcile', async () => {
    const good = bill('bill_open_single_line.json');
    const records = [
      good,
      bill('bill_open_multi_line.json'),
      { ...good, Id: undefined }, // missing Id
      null, // not an object
      { ...good, Id: '9001', ExchangeRate: 'lots', VendorRef: 5 }, // wrong types
      { ...good, Id: '9002', TotalAmt: 1e15, Balance: 1e15 }, // an amount no ledger holds: refused
      { ...good, Id: '9003', DueDate: '2023-13-45', TxnDate: 'yesterday' }, // bad dates
      { ...good, Id: '9006', TotalAmt: 1e308, Balance: 'NaN' }, // values QBO never sends: refused
      { ...good, Id: '9007', DueDate: '2026-02-30' }, // a day that does not exist
      { ...good, Id: '9004', DocNumber: 'x'.repeat(200_000) }, // huge string
      { ...good, Id: '9005', SomethingNew: { nested: [1, 2, 3] }, Mystery: true }, // unknown fields
    ];
    const qbo = await startReplayQbo({ Bill: records });
    cleanups.push(() => qbo.close());
    const dir = mkdtempSync(join(tmpdir(), 'rowcol-malformed-'));
    const db = openDataDir(dir);
    cleanups.push(() => void db.close());
    const businessId = saveClient(db, {
      advisorId: 'local',
      realmId: '4620816365',
      environment: 'custom',
      apiBaseUrl: qbo.apiBaseUrl,
      displayName: 'Replay',
      now: new Date().toISOString(),
    });
    const vault = openTokenVault({
      db,
      advisorId: 'local',
      dataDir: dir,
      env: { ROWCOL_KEYCHAIN: 'off' },
    }).vault;
    await vault.save(businessId, {
      realmId: '4620816365',
      accessToken: 'a'.repeat(40),
      refreshToken: 'r'.repeat(40),
      accessExpiresAt: Date.now() + 3_600_000,
      refreshExpiresAt: Date.now() + 86_400_000,
    });
    const engine = new SyncEngine({
      db,
      advisorId: 'local',
      vault,
      endpoints: {
        apiBaseUrl: qbo.apiBaseUrl,
        authorizeUrl: '',
        tokenUrl: '',
        revokeUrl: '',
        clientId: 'x',
        clientSecret: 'y',
      },
      pageSize: 4,
    });
    cleanups.push(() => engine.close());

    const summary = await engine.syncClient(businessId, { entities: ['Bill'] });
    expect(summary.error).toBeNull();
    expect(summary.counts.fetched).toBe(records.length);
    expect(summary.counts.rejected).toBe(4);
    expect(summary.counts.stored).toBe(records.length - 4);
    expect(summary.counts.fetched).toBe(summary.counts.stored + summary.counts.rejected);

    const scope = { advisorId: 'local', businessId };
    expect(countMirror(db, scope, 'Bill')).toBe(7);
    const byId = new Map(readMirror(db, scope, 'Bill').map((r) => [r.qboId, r]));
    expect(byId.has('9002')).toBe(false);
    expect(byId.has('9006')).toBe(false);
    expect(byId.get('9001')?.problems.join(' ')).toMatch(
      /ExchangeRate: "lots" is not an exchange rate/,
    );
    expect(byId.get('9003')?.problems.join(' ')).toMatch(
      /DueDate: 2023-13-45 is not a day of the calendar/,
    );
    expect(byId.get('9007')?.problems).toEqual([
      'DueDate: 2026-02-30 is not a day of the calendar',
    ]);
    expect(byId.get('9004')?.problems.join(' ')).toMatch(/longer than/);
    expect(byId.get('9005')?.problems).toEqual([]);
    expect((byId.get('9005')?.data as { Mystery?: boolean }).Mystery).toBe(true); // raw JSON kept whole

    const rejects = db
      .prepare(`SELECT error, data FROM integration_log WHERE operation = 'reject' ORDER BY id`)
      .all() as { error: string; data: string }[];
    expect(rejects.map((r) => r.error).sort()).toEqual([
      'Bill 9002: TotalAmt: 1000000000000000 is beyond any real amount; Balance: 1000000000000000 is beyond any real amount',
      'Bill 9006: TotalAmt: 1e+308 is beyond any real amount; Balance: "NaN" is not an amount',
      'Bill: missing or malformed Id',
      'Bill: record is not an object',
    ]);
    const items = listHygieneItems(db, scope).filter((i) => i.code === 'MALFORMED_RECORD');
    expect(items.map((i) => i.recordKey).sort()).toEqual([
      'Bill:9001',
      'Bill:9002',
      'Bill:9003',
      'Bill:9004',
      'Bill:9006',
      'Bill:9007',
      'Bill:rejected',
    ]);
    // Each refused record is named by its own item, whichever page it came on.
    const item = (key: string) => items.find((i) => i.recordKey === key);
    expect(item('Bill:9002')?.detail).toBe(
      'not stored: TotalAmt: 1000000000000000 is beyond any real amount; Balance: 1000000000000000 is beyond any real amount',
    );
    expect(item('Bill:9006')?.detail).toBe(
      'not stored: TotalAmt: 1e+308 is beyond any real amount; Balance: "NaN" is not an amount',
    );
    expect(item('Bill:rejected')?.detail).toMatch(
      /missing or malformed Id|record is not an object/,
    );
    const logged = db
      .prepare(
        `SELECT SUM(record_count) AS n FROM integration_log WHERE operation = 'query' AND entity = 'Bill'`,
      )
      .get() as { n: number };
    expect(logged.n).toBe(records.length);
  });
});

// The issue's own case, end to end: books in the emulator's --data format with values QBO would never
// send (a bill line of 1e308, a bank account opened with 1e308, a purchase and a bill dated 30 February,
// a bill in month 13 of year 0), synced by the real CLI; the tray names every one, and none is stored as $0.
describe('values QBO would never send, through the emulator and the real CLI', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('refuses the records whose own amount or placing date is impossible, flags the rest, and names them all in the tray', async () => {
    const line = (amount: number) => [
      {
        Amount: amount,
        DetailType: 'AccountBasedExpenseLineDetail',
        AccountBasedExpenseLineDetail: { AccountRef: { value: '7' } },
      },
    ];
    const bill = (Id: string, amount: number, dates: Record<string, string> = {}) => ({
      Id,
      VendorRef: { value: '56' },
      TxnDate: '2026-11-01',
      DueDate: '2026-12-01',
      Line: line(amount),
      ...dates,
    });
    const data = {
      companies: [
        {
          realmId: '4620816365',
          name: 'Bluebird Bakery',
          entities: {
            Account: [
              {
                Id: '35',
                Name: 'Checking',
                AccountType: 'Bank',
                AccountSubType: 'Checking',
                OpeningBalance: 5000,
              },
              {
                Id: '36',
                Name: 'Savings',
                AccountType: 'Bank',
                AccountSubType: 'Savings',
                OpeningBalance: 1e308,
              },
              {
                Id: '7',
                Name: 'Supplies',
                AccountType: 'Expense',
                AccountSubType: 'SuppliesMaterials',
              },
            ],
            Vendor: [{ Id: '56', DisplayName: 'Flour Mill Co' }],
            Bill: [
              bill('101', 1e308),
              bill('102', 300, { DueDate: '2026-02-30' }),
              bill('103', 300, { TxnDate: '0000-13-01' }),
              bill('104', 300),
            ],
            Purchase: [
              {
                Id: '201',
                AccountRef: { value: '35' },
                PaymentType: 'Cash',
                TxnDate: '2026-02-30',
                Line: line(20),
              },
              {
                Id: '202',
                AccountRef: { value: '35' },
                PaymentType: 'Cash',
                TxnDate: '2026-11-20',
                Line: line(20),
              },
            ],
          },
        },
      ],
    };
    // The emulator refuses such a file by default; here it must serve it, as a broken QBO would.
    h = await startHarness({ data, today: '2026-11-26', serveImpossibleData: true });
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...emulatorEnv(h.emulator),
      ROWCOL_NOW: '2026-11-26T18:00:00Z',
    };
    const { businessId } = h.clients[0]!;

    const sync = await runRowcol(['--data-dir', h.dir, 'sync', '--all', '--json'], env);
    expect(sync.code, sync.stderr).toBe(0);
    const totals = (
      JSON.parse(sync.stdout) as { totals: { recordsIn: number; stored: number; rejected: number } }
    ).totals;
    expect(totals.rejected).toBe(3); // bill 101, account 36, purchase 201
    expect(totals.recordsIn).toBe(totals.stored + totals.rejected);

    const scope = { advisorId: 'local', businessId };
    const ids = (entity: 'Bill' | 'Account' | 'Purchase') =>
      readMirror(h!.db, scope, entity)
        .map((r) => r.qboId)
        .sort();
    expect(ids('Bill')).toEqual(['102', '103', '104']);
    expect(ids('Account')).toEqual(['35', '7']);
    expect(ids('Purchase')).toEqual(['202']);
    const bills = new Map(readMirror(h.db, scope, 'Bill').map((r) => [r.qboId, r]));
    expect(bills.get('102')?.problems).toEqual([
      'DueDate: 2026-02-30 is not a day of the calendar',
    ]);
    expect(bills.get('103')?.problems).toEqual([
      'TxnDate: 0000-13-01 is outside the years 1900-2999',
    ]);

    const tray = await runRowcol(
      ['--data-dir', h.dir, 'tray', '--client', businessId, '--json'],
      env,
    );
    expect(tray.code, tray.stderr).toBe(0);
    const malformed = new Map(
      (JSON.parse(tray.stdout) as TrayItem[])
        .filter((i) => i.code === 'MALFORMED_RECORD')
        .map((i) => [i.recordKey, i.detail]),
    );
    expect(Object.fromEntries(malformed)).toEqual({
      'Bill:101':
        'not stored: TotalAmt: 1e+308 is beyond any real amount; Balance: 1e+308 is beyond any real amount',
      'Account:36': 'not stored: CurrentBalance: 1e+308 is beyond any real amount',
      'Purchase:201': 'not stored: TxnDate: 2026-02-30 is not a day of the calendar',
      'Bill:102': 'DueDate: 2026-02-30 is not a day of the calendar',
      'Bill:103': 'TxnDate: 0000-13-01 is outside the years 1900-2999',
      // The vendor's balance follows its bills in QBO, the 1e308 one included.
      'Vendor:56': 'Balance: 1e+308 is beyond any real amount',
    });
  });
});
