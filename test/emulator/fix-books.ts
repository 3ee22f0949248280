/* eslint-disable @typescript-eslint/no-explicit-any -- QBO wire JSON is untyped; these tests read it loosely and assert on it. */
// A small company in the emulator's --data format, with fixed Ids, for the tests of the writes a fix
// sends (sparse updates, payment application, invoice send, delete); and the calls those tests make.
import { startEmulator, type EmulatorHandle } from '../../emulator/index.ts';
import { admin, api, connect } from './helpers.ts';

export const REALM = '4620816365';

const expenseLine = (amount: number, account: string) => ({
  Amount: amount,
  DetailType: 'AccountBasedExpenseLineDetail',
  AccountBasedExpenseLineDetail: { AccountRef: { value: account } },
});
const salesLine = (amount: number) => ({
  Amount: amount,
  DetailType: 'SalesItemLineDetail',
  SalesItemLineDetail: { ItemRef: { value: '1' } },
});

export const fixBooks = {
  companies: [
    {
      realmId: REALM,
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
          {
            Id: '8',
            Name: 'Uncategorized Expense',
            AccountType: 'Expense',
            AccountSubType: 'OtherMiscellaneousServiceCost',
          },
          {
            Id: '9',
            Name: 'Old Expenses',
            AccountType: 'Expense',
            AccountSubType: 'OtherMiscellaneousServiceCost',
            Active: false,
          },
          {
            Id: '33',
            Name: 'Accounts Payable (A/P)',
            AccountType: 'Accounts Payable',
            AccountSubType: 'AccountsPayable',
          },
          {
            Id: '84',
            Name: 'Accounts Receivable (A/R)',
            AccountType: 'Accounts Receivable',
            AccountSubType: 'AccountsReceivable',
          },
          {
            Id: '4',
            Name: 'Undeposited Funds',
            AccountType: 'Other Current Asset',
            AccountSubType: 'UndepositedFunds',
          },
          {
            Id: '5',
            Name: 'Fees Billed (deleted)',
            AccountType: 'Income',
            AccountSubType: 'ServiceFeeIncome',
            Active: false,
            SyncToken: '1',
          },
        ],
        Item: [{ Id: '1', Name: 'Services', Type: 'Service' }],
        Vendor: [
          { Id: '56', DisplayName: 'Flour Mill Co' },
          { Id: '57', DisplayName: 'Sugar Supply' },
          { Id: '58', DisplayName: 'Closed Vendor', Active: false },
        ],
        Customer: [
          {
            Id: '1',
            DisplayName: "Amy's Bird Sanctuary",
            PrimaryEmailAddr: { Address: 'amy@example.com' },
          },
          { Id: '2', DisplayName: 'Cool Cars' },
          { Id: '68', DisplayName: 'Jack Moe' },
        ],
        Bill: [
          {
            Id: '101',
            VendorRef: { value: '56' },
            TxnDate: '2026-11-01',
            DueDate: '2026-12-01',
            Line: [expenseLine(300, '8')],
          },
          {
            Id: '102',
            VendorRef: { value: '56' },
            TxnDate: '2026-11-02',
            DueDate: '2026-12-02',
            Line: [expenseLine(300, '7')],
          },
          {
            Id: '103',
            VendorRef: { value: '57' },
            TxnDate: '2026-11-03',
            DueDate: '2026-12-03',
            Line: [expenseLine(150, '7'), expenseLine(50, '8')],
          },
        ],
        Invoice: [
          {
            Id: '201',
            CustomerRef: { value: '1' },
            TxnDate: '2026-11-01',
            DueDate: '2026-12-01',
            Line: [salesLine(500)],
          },
          {
            Id: '202',
            CustomerRef: { value: '1' },
            TxnDate: '2026-11-02',
            DueDate: '2026-12-02',
            BillEmail: { Address: 'ap@amys.example' },
            Line: [salesLine(250)],
          },
          {
            Id: '203',
            CustomerRef: { value: '2' },
            TxnDate: '2026-11-03',
            DueDate: '2026-12-03',
            Line: [salesLine(100)],
          },
        ],
        Purchase: [
          {
            Id: '501',
            AccountRef: { value: '35' },
            PaymentType: 'Cash',
            TxnDate: '2026-11-05',
            Line: [expenseLine(40, '8')],
          },
        ],
        BillPayment: [
          {
            Id: '301',
            VendorRef: { value: '57' },
            PayType: 'Check',
            CheckPayment: { BankAccountRef: { value: '35' } },
            TotalAmt: 200,
            TxnDate: '2026-11-10',
            Line: [{ Amount: 200, LinkedTxn: [{ TxnId: '103', TxnType: 'Bill' }] }],
          },
        ],
        Payment: [{ Id: '401', CustomerRef: { value: '1' }, TotalAmt: 300, TxnDate: '2026-11-12' }],
      },
    },
  ],
};

export type FixEmulator = {
  emu: EmulatorHandle;
  token: string;
  /** POST a write to the API (JSON unless told otherwise). */
  write: (path: string, body?: unknown, contentType?: string) => ReturnType<typeof api>;
  /** The record as QBO holds it, through the admin API. */
  held: (entity: string, id: string) => Promise<any>;
  writes: () => Promise<{ applied: number; replayed: number; refused: number }>;
  close: () => Promise<void>;
};

export async function startFixEmulator(): Promise<FixEmulator> {
  const emu = await startEmulator({
    data: fixBooks,
    today: '2026-11-26',
    limits: { perSecond: 1000, perMinute: 100_000 },
  });
  const { accessToken: token } = await connect(emu, REALM);
  return {
    emu,
    token,
    write: (path, body, contentType) =>
      api(emu, REALM, token, path, {
        method: 'POST',
        body: body === undefined ? '' : JSON.stringify(body),
        contentType,
      }),
    held: async (entity, id) => {
      const r = await admin(emu, 'GET', `companies/${REALM}/${entity}/${id}`);
      if (r.status !== 200) throw new Error(`admin read ${entity} ${id}: ${r.status}`);
      return r.json;
    },
    writes: async () => (await admin(emu, 'GET', 'counters')).json.realms[REALM].writes,
    close: () => emu.close(),
  };
}

/** The fault's first error (code, Message, Detail, element). */
export const fault = (r: { json: () => any }): any => r.json().Fault?.Error?.[0];
