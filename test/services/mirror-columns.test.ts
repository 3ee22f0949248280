// The columns the advisor's screens need, extracted from real QBO payloads (shared/qbo-fixtures).
import { describe, expect, it } from 'vitest';
import { isRejected, toMirrorRow } from '../../src/core/mirror/columns.ts';
import { fixtureText as readFixture } from '../support/fixtures.ts';

const fixture = (name: string): unknown => JSON.parse(readFixture(name)) as unknown;
const columns = (entity: Parameters<typeof toMirrorRow>[0], raw: unknown) => {
  const row = toMirrorRow(entity, raw);
  if (isRejected(row)) throw new Error(row.reason);
  return row.columns;
};

describe('advisor columns from real payloads', () => {
  it('reads the paying BillPayment of a paid bill and no uncategorized line on a categorized one', () => {
    const paid = columns('Bill', fixture('bill_paid_single_line.json'));
    expect(paid.paid_by_bill_payment_id).toMatch(/^\d+$/);
    expect(columns('Bill', fixture('bill_open_single_line.json')).uncategorized_account).toBeNull();
  });
  it('marks a payment linked to a Deposit as deposited', () => {
    expect(columns('Payment', fixture('payment_customer_linked_invoice_deposit.json')).deposited).toBe(1);
  });
  it('finds an uncategorized account line, including as a sub-account leaf, and ignores item lines', () => {
    const bill = fixture('bill_open_single_line.json') as { Line: { AccountBasedExpenseLineDetail: { AccountRef: { name: string } } }[] };
    bill.Line[0]!.AccountBasedExpenseLineDetail.AccountRef.name = 'Expenses:Ask My Accountant';
    expect(columns('Bill', bill).uncategorized_account).toBe('Expenses:Ask My Accountant');
    expect(columns('Bill', fixture('bill_open_multi_line.json')).uncategorized_account).toBeNull();
  });
});

describe('currency codes', () => {
  it('keeps an ISO code and flags anything else instead of storing it', () => {
    const ok = toMirrorRow('Bill', { Id: '1', SyncToken: '0', CurrencyRef: { value: 'CAD' } });
    const bad = toMirrorRow('Bill', { Id: '2', SyncToken: '0', CurrencyRef: { value: '<b>' } });
    if (isRejected(ok) || isRejected(bad)) throw new Error('rejected');
    expect(ok.columns.currency).toBe('CAD');
    expect(bad.columns.currency).toBeNull();
    expect(bad.problems).toContain('CurrencyRef.value: not a currency code');
  });
});
