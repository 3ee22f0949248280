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
