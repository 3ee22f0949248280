// One client's books with one planted problem per tray rule, next to clean records that must raise
// nothing. Today is 2024-06-03. Used by the tray, console and CLI tests.
import { mirroredEntities } from '../../src/core/mirror/entities.ts';
import { putSyncState } from '../../src/main/db/repositories/sync-state.ts';
import type { Db } from '../../src/main/db/open.ts';
import { recomputeTray } from '../../src/main/services/tray/recompute.ts';
import {
  account,
  addClient,
  bill,
  billPayment,
  invoice,
  payment,
  purchase,
  writeRecords,
  type Scope,
} from './qbo-books.ts';
import { fixture } from './fixtures.ts';

export const today = '2024-06-03';
export const now = new Date(2024, 5, 3, 12, 0, 0);
export const syncedAt = new Date(2024, 5, 3, 11, 0, 0).toISOString();

const v49 = { id: '49', name: 'Robertson & Associates' };
const v50 = { id: '50', name: 'Hicks Hardware' };
const v51 = { id: '51', name: 'Norton Lumber' };

/** The problems planted below, as [code, record key]. */
export const planted: [string, string][] = [
  ['UNCATEGORIZED_LINE', 'Bill:201'],
  ['UNCATEGORIZED_LINE', 'Purchase:301'],
  ['PURCHASE_NO_PAYEE', 'Purchase:302'],
  ['ZERO_AMOUNT', 'Invoice:401'],
  ['DUPLICATE_BILL', 'Bill:210,211'],
  ['PAID_OUTSIDE_QBO', 'Bill:220'],
  ['INVOICE_NEVER_SENT', 'Invoice:410'],
  ['PAYMENT_UNAPPLIED', 'Payment:501'],
  ['UNDEPOSITED_FUNDS', 'Payment:502'],
  ['BILL_OVERDUE_NO_DECISION', 'Bill:230'],
  ['INVOICE_OVERDUE_NO_CALL', 'Invoice:420'],
  ['BANK_ACCOUNT_QUIET', 'Account:36'],
  ['FOREIGN_CURRENCY', 'Bill:240'],
  ['MISSING_COUNTERPARTY', 'Invoice:430'],
  ['MISSING_AMOUNT', 'Bill:250'],
  ['MISSING_DUE_DATE', 'Bill:260'],
];

export function plantBooks(db: Db, advisorId = 'local', realmId = '9130'): Scope {
  const s = addClient(db, advisorId, realmId, 'Planted Landscaping');
  writeRecords(db, s, 'Account', [
    account('35', 'Checking', 'Bank', 1_000_000),
    account('36', 'Savings', 'Bank', 250_000),
    account('37', 'Old Checking', 'Bank', 0, { active: false }),
    account('4', 'Undeposited Funds', 'Other Current Asset', 0, { subType: 'UndepositedFunds' }),
    account('69', 'Legal & Professional Fees:Accounting', 'Expense', 0),
  ]);
  writeRecords(db, s, 'Bill', [
    // clean
    bill({
      id: '100',
      vendor: v49,
      txnDate: '2024-05-21',
      dueDate: '2024-06-20',
      totalCents: 30_000,
    }),
    bill({
      id: '101',
      vendor: v49,
      txnDate: '2024-03-01',
      dueDate: '2024-03-31',
      totalCents: 12_000,
      balanceCents: 0,
      paidBy: '700',
    }),
    bill({
      id: '202',
      vendor: v49,
      txnDate: '2024-05-28',
      dueDate: '2024-06-27',
      totalCents: 5_000,
      lines: [{ amountCents: 5_000, item: { id: '9', name: 'Uncategorized Expense' } }],
    }),
    // planted
    bill({
      id: '201',
      vendor: v49,
      txnDate: '2024-05-28',
      dueDate: '2024-06-27',
      totalCents: 20_000,
      lines: [{ amountCents: 20_000, account: { id: '80', name: 'Uncategorized Expense' } }],
    }),
    bill({
      id: '210',
      vendor: v50,
      txnDate: '2024-05-20',
      dueDate: '2024-06-19',
      totalCents: 77_700,
    }),
    bill({
      id: '211',
      vendor: v50,
      txnDate: '2024-05-23',
      dueDate: '2024-06-22',
      totalCents: 77_700,
    }),
    bill({
      id: '212',
      vendor: v50,
      txnDate: '2024-04-10',
      dueDate: '2024-05-10',
      totalCents: 77_700,
      balanceCents: 0,
    }),
    bill({
      id: '220',
      vendor: v51,
      txnDate: '2024-05-06',
      dueDate: '2024-06-05',
      totalCents: 43_210,
    }),
    bill({
      id: '230',
      vendor: v49,
      txnDate: '2024-04-20',
      dueDate: '2024-05-20',
      totalCents: 15_000,
    }),
    bill({
      id: '240',
      vendor: v49,
      txnDate: '2024-05-30',
      dueDate: '2024-06-29',
      totalCents: 50_000,
      currency: 'EUR',
      exchangeRate: 1.08,
    }),
    bill({
      id: '250',
      vendor: v49,
      txnDate: '2024-05-30',
      dueDate: '2024-06-29',
      totalCents: null,
    }),
    bill({ id: '260', vendor: v49, txnDate: '2024-05-30', dueDate: null, totalCents: 9_900 }),
  ]);
  writeRecords(db, s, 'Invoice', [
    // clean
    invoice({ id: '110', txnDate: '2024-05-20', dueDate: '2024-06-19', totalCents: 60_000 }),
    invoice({
      id: '111',
      txnDate: '2024-01-20',
      dueDate: '2024-02-19',
      totalCents: 8_000,
      balanceCents: 0,
      emailStatus: 'NotSet',
    }),
    invoice({
      id: '112',
      txnDate: '2024-06-02',
      dueDate: '2024-07-02',
      totalCents: 7_000,
      emailStatus: 'NeedToSend',
    }), // only 1 day old
    // A voided invoice as QBO returns it (TotalAmt 0, PrivateNote "Voided"): not a ZERO_AMOUNT problem.
    fixture<{ Invoice: Record<string, unknown> }>('invoice_void_response.json').Invoice,
    // planted
    invoice({ id: '401', txnDate: '2024-05-20', dueDate: '2024-06-19', totalCents: 0 }),
    invoice({
      id: '410',
      txnDate: '2024-05-25',
      dueDate: '2024-06-24',
      totalCents: 25_000,
      emailStatus: 'NotSet',
    }),
    invoice({ id: '420', txnDate: '2024-03-21', dueDate: '2024-04-20', totalCents: 90_000 }),
    invoice({
      id: '430',
      customer: null,
      txnDate: '2024-05-25',
      dueDate: '2024-06-24',
      totalCents: 11_000,
    }),
  ]);
  writeRecords(db, s, 'Purchase', [
    purchase({ id: '120', accountId: '35', payee: v49, txnDate: '2024-05-28', totalCents: 4_500 }),
    purchase({ id: '121', accountId: '36', payee: v49, txnDate: '2024-04-01', totalCents: 2_000 }),
    purchase({
      id: '301',
      accountId: '35',
      payee: v49,
      txnDate: '2024-05-15',
      totalCents: 3_300,
      lines: [{ amountCents: 3_300, account: { id: '81', name: 'Ask My Accountant' } }],
    }),
    purchase({ id: '302', accountId: '35', payee: null, txnDate: '2024-05-16', totalCents: 1_234 }),
    purchase({ id: '303', accountId: '35', payee: v51, txnDate: '2024-06-01', totalCents: 43_210 }),
  ]);
  writeRecords(db, s, 'Payment', [
    payment({
      id: '500',
      depositTo: '35',
      txnDate: '2024-05-10',
      totalCents: 8_000,
      invoiceId: '111',
    }),
    payment({
      id: '501',
      depositTo: '35',
      txnDate: '2024-05-20',
      totalCents: 10_000,
      unappliedCents: 5_000,
      invoiceId: '110',
    }),
    payment({ id: '502', depositTo: '4', txnDate: '2024-05-10', totalCents: 6_000 }),
    payment({
      id: '503',
      depositTo: '4',
      txnDate: '2024-05-01',
      totalCents: 6_500,
      depositedIn: '900',
    }),
    payment({ id: '504', depositTo: '4', txnDate: '2024-05-30', totalCents: 1_000 }), // only 4 days in Undeposited Funds
  ]);
  writeRecords(db, s, 'BillPayment', [
    billPayment({
      id: '700',
      bankAccountId: '35',
      txnDate: '2024-03-30',
      totalCents: 12_000,
      billId: '101',
    }),
  ]);
  markSynced(db, s, syncedAt);
  // What the end of a real sync does (the runtime's writer step): the tray is computed from these books.
  recomputeTray(db, s, now);
  return s;
}

export function markSynced(
  db: Db,
  s: Scope,
  at: string,
  entities: readonly string[] = mirroredEntities,
): void {
  for (const entity of entities) putSyncState(db, s, entity, { lastSuccessAt: at });
}
