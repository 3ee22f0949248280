// `--data FILE.json` (docs/emulator.md): companies built from QBO JSON, with QBO's validation and
// derived amounts; a bad file stops startup with one line naming the record.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../emulator/index.ts';
import { tempDir } from '../support/temp.ts';
import { api, connect, q } from './helpers.ts';

const books = (bill: Record<string, unknown>) => ({
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
            Id: '7',
            Name: 'Supplies',
            AccountType: 'Expense',
            AccountSubType: 'SuppliesMaterials',
          },
        ],
        Vendor: [{ Id: '56', DisplayName: 'Flour Mill Co' }],
        Bill: [bill],
      },
    },
  ],
});
const bill = {
  Id: '101',
  VendorRef: { value: '56' },
  TxnDate: '2026-11-01',
  DueDate: '2026-12-01',
  Line: [
    {
      Amount: 300,
      DetailType: 'AccountBasedExpenseLineDetail',
      AccountBasedExpenseLineDetail: { AccountRef: { value: '7' } },
    },
  ],
};

describe('--data', () => {
  it('serves the companies and records of the file, with derived amounts', async () => {
    const file = join(tempDir(), 'books.json');
    writeFileSync(file, JSON.stringify(books(bill)));
    const emu = await startEmulator({ data: file, today: '2026-11-26' });
    try {
      expect(emu.companies).toEqual([{ realmId: '4620816365', name: 'Bluebird Bakery' }]);
      const { accessToken } = await connect(emu, '4620816365');
      const bills = (await api(emu, '4620816365', accessToken, q('SELECT * FROM Bill'))).json()
        .QueryResponse.Bill;
      expect(bills).toEqual([expect.objectContaining({ Id: '101', TotalAmt: 300, Balance: 300 })]);
      const vendor = (await api(emu, '4620816365', accessToken, 'vendor/56?minorversion=75')).json()
        .Vendor;
      expect(vendor.Balance).toBe(300); // follows its open bills
      const bank = (await api(emu, '4620816365', accessToken, 'account/35?minorversion=75')).json()
        .Account;
      expect(bank.CurrentBalance).toBe(5000);
    } finally {
      await emu.close();
    }
  });

  it('refuses a bad record with one line that names it', async () => {
    const file = join(tempDir(), 'bad.json');
    writeFileSync(file, JSON.stringify(books({ ...bill, VendorRef: undefined })));
    await expect(startEmulator({ data: file })).rejects.toThrow(
      /companies\[0\]\.entities\.Bill\[0\]/,
    );
  });
});

// Files QBO would never hold (issue 14 §3): each is refused at startup with one line naming the record
// and what is wrong, instead of serving books no real company has.
const line = bill.Line[0]!;
const badFiles: [string, Record<string, unknown>, RegExp][] = [
  [
    'a second bill with the same Id',
    { bills: [bill, { ...bill }] },
    /Bill\[1\]: Id 101 is used twice/,
  ],
  ['an Id that is not a number', { ...bill, Id: 'abc' }, /Bill\[0\]: Id is "abc"/],
  [
    'February 30th',
    { ...bill, TxnDate: '2026-02-30' },
    /TxnDate is "2026-02-30", not a calendar date/,
  ],
  ['month 13', { ...bill, DueDate: '2026-13-01' }, /DueDate is "2026-13-01"/],
  ['a date in words', { ...bill, TxnDate: 'yesterday' }, /TxnDate is "yesterday"/],
  ['a date as a number', { ...bill, DueDate: 20261201 }, /DueDate is 20261201/],
  ['the year 1066', { ...bill, TxnDate: '1066-10-14' }, /TxnDate is "1066-10-14"/],
  [
    'an amount in quotes',
    { ...bill, Line: [{ ...line, Amount: '300' }] },
    /Line\[0\]\.Amount is "300", not a finite number/,
  ],
  [
    'an infinite amount',
    { ...bill, Line: [{ ...line, Amount: 'Infinity' }] },
    /Line\[0\]\.Amount is "Infinity"/,
  ],
  ['a null amount', { ...bill, Line: [{ ...line, Amount: null }] }, /Line\[0\]\.Amount is null/],
  ['a negative total', { ...bill, TotalAmt: -300 }, /TotalAmt is -300, below zero/],
  ['a negative balance', { ...bill, Balance: -1 }, /Balance is -1, below zero/],
  [
    'more owed than billed',
    { ...bill, TotalAmt: 300, Balance: 301 },
    /Balance 301 is more than TotalAmt 300/,
  ],
  ['a zero exchange rate', { ...bill, ExchangeRate: 0 }, /ExchangeRate is 0/],
  [
    'an impossible create time',
    { ...bill, MetaData: { CreateTime: '2026-02-30T10:00:00-08:00' } },
    /MetaData\.CreateTime is "2026-02-30T10:00:00-08:00", not a date and time/,
  ],
  [
    'a create time without a time',
    { ...bill, MetaData: { CreateTime: '2026-11-01' } },
    /MetaData\.CreateTime is "2026-11-01"/,
  ],
  ['a quantity of NaN', { ...bill, Line: [{ ...line, Qty: 'NaN' }] }, /Line\[0\]\.Qty is "NaN"/],
];

describe('--data refuses what QBO would never hold', () => {
  for (const [what, variant, message] of badFiles)
    it(`refuses ${what}, naming the record`, async () => {
      const file = join(tempDir(), 'bad.json');
      const data = books(bill);
      const bills = 'bills' in variant ? (variant.bills as object[]) : [variant];
      (data.companies[0]!.entities as Record<string, unknown>).Bill = bills;
      writeFileSync(file, JSON.stringify(data));
      await expect(startEmulator({ data: file })).rejects.toThrow(message);
    });

  it('refuses an amount JSON reads as infinite (1e999)', async () => {
    const file = join(tempDir(), 'bad.json');
    writeFileSync(file, JSON.stringify(books(bill)).replace('"Amount":300', '"Amount":1e999'));
    await expect(startEmulator({ data: file })).rejects.toThrow(/Line\[0\]\.Amount is Infinity/);
  });

  it('refuses two companies with one realm id', async () => {
    const file = join(tempDir(), 'bad.json');
    const one = books(bill).companies[0]!;
    writeFileSync(file, JSON.stringify({ companies: [one, { ...one, name: 'Copy' }] }));
    await expect(startEmulator({ data: file })).rejects.toThrow(
      /companies\[1\]\.realmId 4620816365 is used twice/,
    );
  });

  it('still loads a good file with ids, dates and amounts QBO would hold', async () => {
    const file = join(tempDir(), 'good.json');
    const second = { ...bill, Id: '102', TxnDate: '2024-02-29', Line: [{ ...line, Amount: 12.5 }] };
    const data = books(bill);
    (data.companies[0]!.entities as Record<string, unknown>).Bill = [bill, second];
    writeFileSync(file, JSON.stringify(data));
    const emu = await startEmulator({ data: file });
    await emu.close();
  });
});
