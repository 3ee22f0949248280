// Bulk re-date and scenarios through the handler table (issue 12 §3-4), over small books whose forecast
// is computed by hand. Today is 2024-06-03 (day 0); no Purchases, so no day-to-day spending.
//
//   cash 1,000.00 (Checking)
//   bill 501  1,500.00 due 06-13 (day 10)   bill 502  200.00 due 06-20 (day 17)
//   bill 503     50.00 due 06-20, no vendor (incomplete: no decision possible)
//   bill 504  paid          invoice 601 1,000.00 due 06-23 (day 20)   invoice 602 300.00 due 06-25 (day 22)
//
//   baseline: 1,000.00 on days 0-9, -500.00 on days 10-16 (runway 10 days), -750.00 on days 17-19 (lowest,
//   06-20), 250.00 on days 20-21, 550.00 from day 22.
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
const v49 = { id: '49', name: 'Robertson & Associates' };
const v50 = { id: '50', name: 'Hicks Hardware' };
const c26 = { id: '26', name: 'Travis Waldron' };

let env: ReturnType<typeof tempDataDir>;
let db: Db;
let s: Scope;
beforeEach(() => {
  env = tempDataDir();
  db = env.db;
  s = addClient(db, 'local', '9140', 'Hand Computed Ltd');
  writeRecords(db, s, 'Account', [account('35', 'Checking', 'Bank', 100_000)]);
  writeRecords(db, s, 'Bill', [
    bill({
      id: '501',
      vendor: v49,
      txnDate: '2024-05-14',
      dueDate: '2024-06-13',
      totalCents: 150_000,
    }),
    bill({
      id: '502',
      vendor: v50,
      txnDate: '2024-05-21',
      dueDate: '2024-06-20',
      totalCents: 20_000,
    }),
    bill({
      id: '503',
      vendor: null,
      txnDate: '2024-05-21',
      dueDate: '2024-06-20',
      totalCents: 5_000,
    }),
    bill({
      id: '504',
      vendor: v49,
      txnDate: '2024-04-01',
      dueDate: '2024-05-01',
      totalCents: 9_000,
      balanceCents: 0,
    }),
  ]);
  writeInvoices();
});
afterEach(() => env.cleanup());

function writeInvoices(paid: string[] = []) {
  writeRecords(db, s, 'Invoice', [
    invoice({
      id: '601',
      customer: c26,
      txnDate: '2024-05-24',
      dueDate: '2024-06-23',
      totalCents: 100_000,
      balanceCents: paid.includes('601') ? 0 : 100_000,
    }),
    invoice({
      id: '602',
      customer: c26,
      txnDate: '2024-05-26',
      dueDate: '2024-06-25',
      totalCents: 30_000,
    }),
  ]);
}

const decisions = () =>
  db
    .prepare(
      'SELECT bill_qbo_id AS bill, action, planned_date AS date FROM decisions WHERE superseded_at IS NULL ORDER BY bill_qbo_id',
    )
    .all();
/** Every row this connection has written since it opened: a read must leave it unchanged. */
const written = () => (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
const cashOn = (projection: { cashCents: number }[], day: number) => projection[day]!.cashCents;

describe('bulk re-date', () => {
  it('previews moving several bills (nothing written), then records one decision each', async () => {
    const { call } = handlersAt(db, now);
    const baseline = value(await call('forecast:get', { businessId: s.businessId }));
    expect(baseline).toMatchObject({
      runwayDays: 10,
      lowest: { date: '2024-06-20', cashCents: -75_000 },
    });

    const before = written();
    // 501 by 14 days → 06-27 (day 24); 502 to 06-30 (day 27): 1,000.00 until day 16, 950.00 (503) from
    // day 17, 1,950.00 from day 20, 2,250.00 from day 22, 750.00 from day 24, 550.00 from day 27.
    const moves = [
      { billId: '501', to: 'days' as const, days: 14 },
      { billId: '502', to: 'date' as const, date: '2024-06-30' },
    ];
    const p = value(
      await call('console:preview-moves', {
        businessId: s.businessId,
        moves: [...moves, { billId: '999', to: 'pay-now' }],
      }),
    );
    expect(written()).toBe(before);
    expect(p.before).toMatchObject({
      runwayDays: 10,
      lowest: { date: '2024-06-20', cashCents: -75_000 },
    });
    expect(p.after).toMatchObject({
      runwayDays: null,
      firstBelowZero: null,
      lowest: { date: '2024-06-30', cashCents: 55_000 },
    });
    expect([17, 20, 22, 24, 27].map((d) => cashOn(p.after.projection, d))).toEqual([
      95_000, 195_000, 225_000, 75_000, 55_000,
    ]);
    expect(p.lowestChangeCents).toBe(130_000);
    expect(p.runwayChangeDays).toBeNull();
    expect(p.moved).toEqual([
      { billId: '501', amountCents: 150_000, fromDate: '2024-06-13', toDate: '2024-06-27' },
      { billId: '502', amountCents: 20_000, fromDate: '2024-06-20', toDate: '2024-06-30' },
    ]);
    expect(p.unknownBillIds).toEqual(['999']);
    expect(decisions()).toEqual([]);

    const r = value(
      await call('decisions:record-moves', {
        businessId: s.businessId,
        moves,
        note: 'after the grant',
      }),
    );
    expect(r.recorded.map((d) => [d.billId, d.action, d.plannedDate])).toEqual([
      ['501', 'delay', '2024-06-27'],
      ['502', 'delay', '2024-06-30'],
    ]);
    expect(decisions()).toEqual([
      { bill: '501', action: 'delay', date: '2024-06-27' },
      { bill: '502', action: 'delay', date: '2024-06-30' },
    ]);
    // The forecast now is the preview's "after".
    const after = value(await call('forecast:get', { businessId: s.businessId }));
    expect(after.projection).toEqual(p.after.projection);
    const view = value(await call('console:list', { businessId: s.businessId }));
    expect(view.groups.later.find((b) => b.qboId === '501')?.decision).toMatchObject({
      action: 'delay',
      plannedDate: '2024-06-27',
      note: 'after the grant',
    });

    // Pay now is a pay_now decision.
    const paid = value(
      await call('decisions:record-moves', {
        businessId: s.businessId,
        moves: [{ billId: '502', to: 'pay-now' }],
      }),
    );
    expect(paid.recorded).toMatchObject([{ billId: '502', action: 'pay_now', plannedDate: null }]);
  });

  it('records all or none: an unknown, paid or incomplete bill refuses every move, each named', async () => {
    const { call } = handlersAt(db, now);
    const good = { billId: '501', to: 'days' as const, days: 7 };
    for (const [bad, words] of [
      ['999', 'no bill 999 for client'],
      ['504', 'bill 504 is already paid in QuickBooks'],
      ['503', 'bill 503 has no vendor in QuickBooks'],
    ] as const) {
      const r = await call('decisions:record-moves', {
        businessId: s.businessId,
        moves: [good, { billId: bad, to: 'pay-now' }],
      });
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('INVALID_INPUT');
      expect(r.error.message).toContain('Nothing recorded');
      expect(r.error.message).toContain(words);
      expect(decisions()).toEqual([]);
    }
    // A date before today, a bill twice: refused before anything is looked up.
    const past = await call('decisions:record-moves', {
      businessId: s.businessId,
      moves: [{ billId: '501', to: 'date', date: '2024-06-01' }],
    });
    expect(past.ok || past.error.message).toBe(
      'bill 501 cannot be moved to 2024-06-01: that is before today (2024-06-03).',
    );
    const twice = await call('console:preview-moves', {
      businessId: s.businessId,
      moves: [good, good],
    });
    expect(twice.ok || twice.error.message).toBe('bill 501 is named twice.');
    const empty = await call('console:preview-moves', { businessId: s.businessId, moves: [] });
    expect(empty.ok || empty.error.code).toBe('INVALID_INPUT');
    expect(decisions()).toEqual([]);
  });
});

describe('scenarios', () => {
  const slowJune = {
    name: ' Slow June ',
    changes: [
      { kind: 'delay-bill' as const, billId: '501', date: '2024-06-27' },
      { kind: 'invoice-paid' as const, invoiceId: '601', date: '2024-06-10' },
      { kind: 'one-off' as const, amountCents: -10_000, date: '2024-06-05', label: 'deposit' },
      {
        kind: 'recurring' as const,
        amountCents: 5_000,
        cadence: 'weekly' as const,
        from: '2024-06-07',
        until: '2024-06-21',
      },
    ],
  };

  it('saves, lists, compares with the baseline, applies to the forecast, deletes; reads write nothing', async () => {
    const { call } = handlersAt(db, now);
    const saved = value(
      await call('scenarios:save', { businessId: s.businessId, scenario: slowJune }),
    );
    expect(saved).toMatchObject({ name: 'Slow June', homeCurrency: 'USD', noLongerApplies: [] });
    value(
      await call('scenarios:save', {
        businessId: s.businessId,
        scenario: {
          name: 'Hire',
          changes: [
            { kind: 'recurring', amountCents: -20_000, cadence: 'monthly', from: '2024-06-15' },
          ],
        },
      }),
    );

    const before = written();
    expect(
      value(await call('scenarios:list', { businessId: s.businessId })).map((x) => x.name),
    ).toEqual(['Hire', 'Slow June']);
    // Slow June: -100.00 on day 2 (900.00), +50.00 on 06-07, 06-14, 06-21 (days 4, 11, 18), invoice 601 on
    // 06-10 (day 7), 501 on 06-27 (day 24): 900, 950, 1,950, 2,000, 1,750 (day 17: 502 and 503),
    // 1,800, 2,100 (602, day 22), 600 from day 24. Hire: -200.00 on 06-15, 07-15, 08-15.
    const c = value(await call('forecast:compare', { businessId: s.businessId }));
    expect(written()).toBe(before);
    expect(c).toMatchObject({
      today: '2024-06-03',
      openingCashCents: 100_000,
      homeCurrency: 'USD',
    });
    expect(c.baseline).toMatchObject({
      runwayDays: 10,
      firstBelowZero: '2024-06-13',
      lowest: { date: '2024-06-20', cashCents: -75_000 },
    });
    expect(c.scenarios.map((x) => x.name)).toEqual(['Hire', 'Slow June']);
    const [hire, june] = c.scenarios;
    expect(
      [2, 4, 7, 11, 17, 18, 22, 24, 90].map((d) => cashOn(june!.summary.projection, d)),
    ).toEqual([90_000, 95_000, 195_000, 200_000, 175_000, 180_000, 210_000, 60_000, 60_000]);
    expect(june).toMatchObject({
      summary: { runwayDays: null, lowest: { date: '2024-06-27', cashCents: 60_000 } },
      vsBaseline: { lowestChangeCents: 135_000, runwayChangeDays: null, endCashChangeCents: 5_000 },
      noLongerApplies: [],
    });
    // Hire: day 12 (06-15) -200.00 → -700.00 on days 12-16, -950.00 on days 17-19; the runway unchanged.
    expect(hire).toMatchObject({
      summary: { runwayDays: 10, lowest: { date: '2024-06-20', cashCents: -95_000 } },
      vsBaseline: { lowestChangeCents: -20_000, runwayChangeDays: 0, endCashChangeCents: -60_000 },
    });
    // Named ones only, in the order asked; names compare without regard to case.
    const one = value(
      await call('forecast:compare', { businessId: s.businessId, scenarios: ['slow june'] }),
    );
    expect(one.scenarios.map((x) => x.name)).toEqual(['Slow June']);
    const f = value(
      await call('forecast:get', { businessId: s.businessId, scenario: 'SLOW JUNE' }),
    );
    expect(f).toMatchObject({
      runwayDays: null,
      lowest: { date: '2024-06-27', cashCents: 60_000 },
      scenario: { name: 'Slow June', noLongerApplies: [] },
    });
    expect(f.projection).toEqual(june!.summary.projection);
    expect(f.placements.filter((x) => x.kind === 'adjustment')).toHaveLength(4);
    expect(written()).toBe(before);
    // The baseline itself is untouched by the scenarios.
    expect(value(await call('forecast:get', { businessId: s.businessId })).runwayDays).toBe(10);

    // Saving under the same name (another case) replaces it, with the new spelling.
    value(
      await call('scenarios:save', {
        businessId: s.businessId,
        scenario: { name: 'slow june', changes: slowJune.changes.slice(0, 1) },
      }),
    );
    const list = value(await call('scenarios:list', { businessId: s.businessId }));
    expect(list.map((x) => [x.name, x.changes.length])).toEqual([
      ['Hire', 1],
      ['slow june', 1],
    ]);

    expect(
      value(await call('scenarios:delete', { businessId: s.businessId, name: 'HIRE' })).map(
        (x) => x.name,
      ),
    ).toEqual(['slow june']);
    const again = await call('scenarios:delete', { businessId: s.businessId, name: 'Hire' });
    expect(again.ok || [again.error.code, again.error.message]).toEqual([
      'NOT_FOUND',
      `No scenario "Hire" for client ${s.businessId} (see rowcol scenario list).`,
    ]);
    const missing = await call('forecast:get', { businessId: s.businessId, scenario: 'Hire' });
    expect(missing.ok || missing.error.code).toBe('NOT_FOUND');
  });

  it('a scenario naming a bill or invoice since paid still loads: that change no longer applies', async () => {
    const { call } = handlersAt(db, now);
    value(await call('scenarios:save', { businessId: s.businessId, scenario: slowJune }));
    // A later sync: bill 501 and invoice 601 paid in QuickBooks.
    writeRecords(db, s, 'Bill', [
      bill({
        id: '501',
        vendor: v49,
        txnDate: '2024-05-14',
        dueDate: '2024-06-13',
        totalCents: 150_000,
        balanceCents: 0,
      }),
    ]);
    writeInvoices(['601']);
    const [listed] = value(await call('scenarios:list', { businessId: s.businessId }));
    expect(listed!.noLongerApplies.map((x) => [x.index, x.reason])).toEqual([
      [0, 'bill 501 is not open any more (paid or removed in QuickBooks)'],
      [1, 'invoice 601 is not open any more (paid or removed in QuickBooks)'],
    ]);
    expect(listed!.changes).toHaveLength(4); // kept as saved: it applies again if the bill reopens
    // The rest applies: -100.00 on day 2, +50.00 on days 4, 11, 18, 502 and 503 on day 17, 602 on day 22.
    const f = value(
      await call('forecast:get', { businessId: s.businessId, scenario: 'Slow June' }),
    );
    expect([2, 4, 11, 17, 18, 22].map((d) => cashOn(f.projection, d))).toEqual([
      90_000, 95_000, 100_000, 75_000, 80_000, 110_000,
    ]);
    expect(f.scenario?.noLongerApplies).toHaveLength(2);
    const c = value(await call('forecast:compare', { businessId: s.businessId }));
    expect(c.scenarios[0]!.noLongerApplies.map((x) => x.index)).toEqual([0, 1]);
  });

  it('refuses a bad scenario with one clear line, saving nothing', async () => {
    const { call } = handlersAt(db, now);
    const save = async (scenario: unknown) => {
      const r = await call('scenarios:save', { businessId: s.businessId, scenario } as never);
      return r.ok ? 'saved' : `${r.error.code}: ${r.error.message}`;
    };
    expect(await save({ name: 'x'.repeat(61), changes: slowJune.changes })).toMatch(
      /^INVALID_INPUT: Invalid argument for scenarios:save \(scenario\.name\)/,
    );
    expect(await save({ name: '   ', changes: slowJune.changes })).toMatch(
      /^INVALID_INPUT: Invalid argument for scenarios:save \(scenario\.name\)/,
    );
    expect(await save({ name: 'Empty', changes: [] })).toMatch(
      /^INVALID_INPUT: .*scenario\.changes/,
    );
    expect(
      await save({
        name: 'Odd',
        changes: [{ kind: 'recurring', amountCents: 100, cadence: 'daily', from: '2024-06-03' }],
      }),
    ).toMatch(/^INVALID_INPUT: .*cadence/);
    expect(
      await save({
        name: 'Typos',
        changes: [
          { kind: 'delay-bill', billId: '5O1', date: '2024-06-27' },
          { kind: 'invoice-paid', invoiceId: '601', date: '2024-05-30' },
          { kind: 'one-off', amountCents: 0, date: '2024-06-10' },
        ],
      }),
    ).toBe(
      'INVALID_INPUT: Scenario "Typos" not saved: change 2 (invoice 601 paid on 2024-05-30): the date 2024-05-30 is before today (2024-06-03); change 3 (+$0.00 on 2024-06-10): the amount is zero, which changes nothing; change 1: bill 5O1 is not an open bill of this client.',
    );
    expect(value(await call('scenarios:list', { businessId: s.businessId }))).toEqual([]);
    const unknownClient = await call('scenarios:list', { businessId: 'nobody' });
    expect(unknownClient.ok || unknownClient.error.code).toBe('NOT_FOUND');
  });
});
