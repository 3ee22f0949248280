// Values QBO would never send: the record's own amount (and a Purchase's date) refuse the record with a
// reason naming it; any other bad field is stored null and flagged. Never a silent 0, never a date that
// rolls over into the next month.
import { describe, expect, it } from 'vitest';
import type { MirroredEntity } from './entities.ts';
import {
  isRejected,
  maxAmountCents,
  toMirrorRow,
  type MirrorRow,
  type Rejected,
} from './columns.ts';

const base: Record<string, Record<string, unknown>> = {
  Bill: {
    TxnDate: '2026-11-01',
    DueDate: '2026-12-01',
    TotalAmt: 300,
    Balance: 300,
    VendorRef: { value: '56', name: 'Flour Mill Co' },
  },
  Invoice: {
    TxnDate: '2026-11-01',
    DueDate: '2026-12-01',
    TotalAmt: 187.5,
    Balance: 187.5,
    CustomerRef: { value: '26', name: 'Travis Waldron' },
  },
  Payment: { TxnDate: '2026-11-03', TotalAmt: 50, UnappliedAmt: 0 },
  BillPayment: { TxnDate: '2026-11-03', TotalAmt: 50, PayType: 'Check' },
  Purchase: { TxnDate: '2026-11-03', TotalAmt: 20, PaymentType: 'Cash' },
  Account: { Name: 'Checking', AccountType: 'Bank', CurrentBalance: 5000 },
  Vendor: { DisplayName: 'Flour Mill Co', Balance: 300 },
  Customer: { DisplayName: 'Travis Waldron', Balance: 187.5 },
};

const map = (entity: MirroredEntity, fields: Record<string, unknown>): MirrorRow | Rejected =>
  toMirrorRow(entity, { Id: '42', SyncToken: '0', ...base[entity], ...fields });

function stored(entity: MirroredEntity, fields: Record<string, unknown>): MirrorRow {
  const row = map(entity, fields);
  if (isRejected(row)) throw new Error(`refused: ${row.reason}`);
  return row;
}

function refused(entity: MirroredEntity, fields: Record<string, unknown>): Rejected {
  const row = map(entity, fields);
  if (!isRejected(row)) throw new Error(`stored: ${JSON.stringify(row.columns)}`);
  return row;
}

// JSON.parse turns 1e400 into Infinity: a wire value, not a test artefact.
const fromWire = (json: string): unknown => JSON.parse(json);
const impossibleAmounts: [string, unknown][] = [
  ['1e308', 1e308],
  ['-1e308', -1e308],
  ['1e400 on the wire (Infinity)', fromWire('1e400')],
  ['the text "NaN"', 'NaN'],
  ['the text "Infinity"', 'Infinity'],
  ['hex text', '0x10'],
  ['empty text', ''],
  ['a boolean', true],
  ['an object', { value: 3 }],
  ['$100 billion (the first amount past the limit)', maxAmountCents / 100],
  ['more cents than a double holds exactly', Number.MAX_SAFE_INTEGER / 100 + 1],
];

const ownAmounts: [MirroredEntity, string, string][] = [
  ['Bill', 'TotalAmt', 'total_cents'],
  ['Bill', 'Balance', 'balance_cents'],
  ['Invoice', 'TotalAmt', 'total_cents'],
  ['Invoice', 'Balance', 'balance_cents'],
  ['Payment', 'TotalAmt', 'total_cents'],
  ['BillPayment', 'TotalAmt', 'total_cents'],
  ['Purchase', 'TotalAmt', 'total_cents'],
  ['Account', 'CurrentBalance', 'current_balance_cents'],
];

describe('a record whose own amount QBO would never send is refused, never stored as zero', () => {
  for (const [entity, field] of ownAmounts) {
    it.each(impossibleAmounts)(`${entity}.${field} = %s`, (_label, value) => {
      const r = refused(entity, { [field]: value });
      expect(r.qboId).toBe('42');
      expect(r.reason).toMatch(
        new RegExp(`^${entity} 42: ${field}: .+ is (not an amount|beyond any real amount)$`),
      );
    });
  }

  it('names every refused field in one reason', () => {
    expect(refused('Bill', { TotalAmt: 'NaN', Balance: 1e308 }).reason).toBe(
      'Bill 42: TotalAmt: "NaN" is not an amount; Balance: 1e+308 is beyond any real amount',
    );
  });
});

describe('amounts QBO does send', () => {
  it.each([
    [300, 30_000],
    ['300.00', 30_000],
    [' 12.5 ', 1_250],
    [0.1 + 0.2, 30],
    [-42.07, -4_207],
    [0, 0],
    [99_999_999_999.99, 9_999_999_999_999],
  ])('%s is %i cents, exactly', (value, cents) => {
    const row = stored('Bill', { TotalAmt: value, Balance: value });
    expect(row.columns.total_cents).toBe(cents);
    expect(Number.isSafeInteger(row.columns.total_cents)).toBe(true);
    expect(row.problems).toEqual([]);
  });

  it('an absent amount is not invented: null, left to the tray rules (MISSING_AMOUNT)', () => {
    const row = stored('Bill', { TotalAmt: undefined, Balance: null });
    expect(row.columns.total_cents).toBeNull();
    expect(row.columns.balance_cents).toBeNull();
  });
});

describe('other bad amounts are stored null and flagged on the record', () => {
  it.each([
    ['Vendor', 'Balance', 'balance_cents'],
    ['Customer', 'Balance', 'balance_cents'],
    ['Payment', 'UnappliedAmt', 'unapplied_cents'],
    ['Account', 'CurrentBalanceInHomeCurrency', 'current_balance_home_cents'],
  ] as [MirroredEntity, string, string][])('%s.%s', (entity, field, column) => {
    const row = stored(entity, { [field]: 1e308 });
    expect(row.columns[column]).toBeNull();
    expect(row.problems).toEqual([`${field}: 1e+308 is beyond any real amount`]);
  });

  it.each([0, -1.2, 'abc', 1e7, Number.NaN])('an exchange rate of %s', (value) => {
    const row = stored('Bill', { ExchangeRate: value, CurrencyRef: { value: 'CAD' } });
    expect(row.columns.exchange_rate).toBeNull();
    expect(row.problems).toEqual([
      expect.stringMatching(/^ExchangeRate: .+ is not an exchange rate$/),
    ]);
  });

  it('keeps a real exchange rate, as a number or as decimal text', () => {
    expect(stored('Bill', { ExchangeRate: 1.35 }).columns.exchange_rate).toBe(1.35);
    expect(stored('Bill', { ExchangeRate: '0.0000237' }).columns.exchange_rate).toBe(0.0000237);
  });
});

describe('impossible dates', () => {
  it.each([
    ['2026-02-30', 'is not a day of the calendar'],
    ['2023-02-29', 'is not a day of the calendar'],
    ['2026-04-31', 'is not a day of the calendar'],
    ['2026-13-01', 'is not a day of the calendar'],
    ['2026-00-10', 'is not a day of the calendar'],
    ['2026-01-00', 'is not a day of the calendar'],
    ['0000-01-01', 'is outside the years 1900-2999'],
    ['0202-05-01', 'is outside the years 1900-2999'],
    ['31/12/2026', 'is not a date (YYYY-MM-DD)'],
    ['2026-1-5', 'is not a date (YYYY-MM-DD)'],
  ])('a bill due %s is stored without a due date and flagged (%s)', (value, problem) => {
    const row = stored('Bill', { DueDate: value });
    expect(row.columns.due_date).toBeNull();
    expect(row.problems).toEqual([
      `DueDate: ${value.includes('/') || value.length < 10 ? JSON.stringify(value) : value} ${problem}`,
    ]);
  });

  it('keeps real dates, leap days included', () => {
    expect(
      stored('Invoice', { TxnDate: '2024-02-29', DueDate: '2999-12-31' }).columns,
    ).toMatchObject({ txn_date: '2024-02-29', due_date: '2999-12-31' });
    expect(stored('Payment', { TxnDate: '1900-01-01' }).problems).toEqual([]);
  });

  it('refuses a Purchase whose date cannot be placed in the burn window', () => {
    expect(refused('Purchase', { TxnDate: '2026-02-30' }).reason).toBe(
      'Purchase 42: TxnDate: 2026-02-30 is not a day of the calendar',
    );
  });
});

describe('deleted stubs', () => {
  it('carry no amounts to check', () => {
    const row = toMirrorRow('Bill', { Id: '42', status: 'Deleted', TotalAmt: 1e308 });
    expect(isRejected(row)).toBe(false);
    expect((row as MirrorRow).deleted).toBe(true);
  });
});
