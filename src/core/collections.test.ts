import { describe, expect, it } from 'vitest';
import { collectionsCsv, collectionsCsvHeader, collectionsCsvName } from './collections-csv.ts';
import {
  buildCollections,
  callProblems,
  filterCollections,
  overdueBucket,
  type CollectionRow,
} from './collections.ts';
import { csvCell, toCsv } from './csv.ts';
import { readableDigestNames, safeFileName } from './digest/export.ts';

const today = '2026-12-02';
const row = (over: Partial<CollectionRow> = {}): CollectionRow => ({
  businessId: 'qbo-1',
  clientName: 'Acme Books',
  invoiceQboId: '10',
  docNumber: '1010',
  customerId: '5',
  customerName: 'Dukes Basketball Camp',
  contact: {
    name: 'Peter Dukes',
    email: 'Dukes_bball@intuit.com',
    phone: '(520) 420-5638',
    mobile: null,
  },
  dueDate: '2026-11-01',
  balanceCents: 123_456,
  currency: 'USD',
  lastCall: null,
  calls: 0,
  syncedAt: '2026-12-02T09:00:00.000Z',
  ...over,
});

/** Parses RFC 4180 text back into records (quoted fields, doubled quotes, CRLF inside quotes). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') quoted = false;
    else if (quoted) field += c;
    else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  expect(field, 'the file ends with CRLF').toBe('');
  return records;
}

describe('overdue buckets', () => {
  it('puts 1 to 30 days late in the first bucket, and so on, as QBO’s A/R aging does', () => {
    expect([0, 1, 30, 31, 60, 61, 90, 91, 400].map(overdueBucket)).toEqual([
      null,
      '1-30',
      '1-30',
      '31-60',
      '31-60',
      '61-90',
      '61-90',
      '90+',
      '90+',
    ]);
  });

  it('lists calls due first, then the oldest, and totals each bucket per currency', () => {
    const v = buildCollections(
      [
        row({ invoiceQboId: 'a', dueDate: '2026-11-25' }),
        row({ invoiceQboId: 'b', dueDate: '2026-08-01', currency: 'EUR', balanceCents: 500 }),
        row({
          invoiceQboId: 'c',
          dueDate: '2026-07-01',
          lastCall: {
            outcome: 'promised',
            calledAt: '2026-12-01T10:00:00.000Z',
            promisedDate: '2026-12-10',
            followUpOn: null,
            note: null,
          },
        }),
        row({ invoiceQboId: 'not yet', dueDate: today }),
      ],
      today,
    );
    expect(v.entries.map((e) => [e.invoiceQboId, e.bucket, e.daysOverdue, e.due])).toEqual([
      ['b', '90+', 123, true],
      ['a', '1-30', 7, true],
      ['c', '90+', 154, false],
    ]);
    expect(v.totals['90+']).toEqual({ count: 2, byCurrency: { EUR: 500, USD: 123_456 } });
    expect(v.totals['31-60'].count).toBe(0);
    expect(filterCollections(v.entries, { bucket: '1-30' }).map((e) => e.invoiceQboId)).toEqual([
      'a',
    ]);
    expect(filterCollections(v.entries, { businessId: 'other' })).toEqual([]);
  });
});

describe('a call before it is logged', () => {
  const form = {
    outcome: 'promised' as const,
    promisedDate: '2026-12-20',
    followUpOn: null,
    note: null,
  };
  it('takes a promise with its date', () => {
    expect(callProblems(form, today)).toEqual([]);
  });
  it('says per field what is wrong, in words', () => {
    expect(callProblems({ ...form, promisedDate: null }, today)).toEqual([
      { field: 'promisedDate', message: 'Give the date the customer promised to pay.' },
    ]);
    expect(
      callProblems(
        { ...form, promisedDate: '2026-11-30', followUpOn: '2027-12-20', note: 'x'.repeat(2001) },
        today,
      ).map((p) => p.field + ': ' + p.message),
    ).toEqual([
      'promisedDate: The promised date is in the past: choose today or later.',
      'followUpOn: The follow-up date is more than a year away: check the year.',
      'note: The note is 2001 characters; keep it to 2000.',
    ]);
    expect(
      callProblems({ ...form, outcome: 'reached', promisedDate: '2026-02-30' }, today),
    ).toEqual([{ field: 'promisedDate', message: 'The promised date is not a date.' }]);
  });
});

describe('CSV for spreadsheets', () => {
  it('quotes per RFC 4180 and neutralises text a spreadsheet would run as a formula', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\r\nlines')).toBe('"two\r\nlines"');
    for (const start of ['=', '+', '-', '@', '\t', '\r'])
      expect(
        csvCell(`${start}1+1`).startsWith(`'${start}`) ||
          csvCell(`${start}1+1`).startsWith(`"'${start}`),
      ).toBe(true);
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    // Numbers the program writes are numbers, negative ones too.
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(null)).toBe('');
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('\uFEFFa,b\r\n1,x\r\n');
  });

  it('writes the rows on screen with the contact, the promised date and the amount as a number', () => {
    const v = buildCollections(
      [
        row({
          customerName: '=cmd|"/c calc"!A1',
          contact: { name: null, email: '@evil', phone: '+1 555 0100', mobile: null },
          lastCall: {
            outcome: 'promised',
            calledAt: new Date(2026, 11, 1, 15, 30).toISOString(),
            promisedDate: '2026-12-20',
            followUpOn: '2026-12-21',
            note: 'Said "next week", will pay, by check',
          },
          calls: 2,
        }),
      ],
      today,
    );
    const records = parseCsv(collectionsCsv(v.entries).replace(/^\uFEFF/, ''));
    expect(records[0]).toEqual([...collectionsCsvHeader]);
    expect(records[1]).toEqual([
      'Acme Books',
      '\'=cmd|"/c calc"!A1',
      '',
      "'@evil",
      "'+1 555 0100",
      '',
      '1010',
      '2026-11-01',
      '31',
      '31–60 days',
      '1234.56',
      'USD',
      'Promised to pay',
      '2026-12-01',
      '2026-12-20',
      '2026-12-21',
      'Said "next week", will pay, by check',
    ]);
    expect(collectionsCsvName(today)).toBe('collections-2026-12-02.csv');
    expect(collectionsCsvName(today, 'Café & Co / Ltd')).toBe(
      'collections-Cafe-Co-Ltd-2026-12-02.csv',
    );
  });
});

describe('digest file names', () => {
  it('makes a client’s name safe as a file name and keeps two same-named clients apart', () => {
    expect(safeFileName('Bakery <&> Co', 'id')).toBe('Bakery & Co');
    expect(safeFileName('../../etc/passwd', 'id')).toBe('etc passwd');
    expect(safeFileName(' .. ', 'qbo-1')).toBe('qbo-1');
    expect(safeFileName('CON', 'id')).toBe('CON_');
    const names = readableDigestNames([
      { businessId: 'qbo-1', clientName: 'Acme', today },
      { businessId: 'qbo-2', clientName: 'acme', today },
      { businessId: 'qbo-3', clientName: 'Zeta GmbH', today },
    ]);
    expect([...names.values()]).toEqual([
      'Acme (qbo-1) 2026-12-02',
      'acme (qbo-2) 2026-12-02',
      'Zeta GmbH 2026-12-02',
    ]);
  });
});
