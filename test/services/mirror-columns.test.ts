// The columns the advisor's screens need, extracted from real QBO payloads (shared/qbo-fixtures).
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { isRejected, qboIdOf, toMirrorRow } from '../../src/core/mirror/columns.ts';
import { isMirroredEntity, type MirroredEntity } from '../../src/core/mirror/entities.ts';
import { fixturePath, fixtureText, fixtureText as readFixture } from '../support/fixtures.ts';

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
    expect(
      columns('Payment', fixture('payment_customer_linked_invoice_deposit.json')).deposited,
    ).toBe(1);
  });
  it('finds an uncategorized account line, including as a sub-account leaf, and ignores item lines', () => {
    const bill = fixture('bill_open_single_line.json') as {
      Line: { AccountBasedExpenseLineDetail: { AccountRef: { name: string } } }[];
    };
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

describe('the checks for values QBO would never send pass every real payload', () => {
  // Every record of a mirrored entity in shared/qbo-fixtures (recorded or documented QBO answers) and the
  // Airbyte excerpt of a real sandbox: none refused, none flagged, so the checks refuse only what QBO
  // does not send.
  const streams: Record<string, MirroredEntity> = {
    accounts: 'Account',
    bill_payments: 'BillPayment',
    bills: 'Bill',
    customers: 'Customer',
    invoices: 'Invoice',
    payments: 'Payment',
  };
  const records: [string, MirroredEntity, unknown][] = [];
  const walk = (file: string, node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (isMirroredEntity(key) && key !== 'CompanyInfo') {
        for (const r of [value].flat()) if (qboIdOf(r) !== null) records.push([file, key, r]);
      } else walk(file, value);
    }
  };
  for (const file of readdirSync(fixturePath('')).filter((f) => f.endsWith('.json'))) {
    const json = JSON.parse(fixtureText(file).replace(/^\uFEFF/, '')) as Record<string, unknown>;
    const kind = /^(bill|invoice|payment|billpayment|account|vendor|customer)_/.exec(file)?.[1];
    // A file that is one bare record (bill_open_single_line.json) or wraps it ({"Bill": {...}}).
    const bare = {
      bill: 'Bill',
      invoice: 'Invoice',
      payment: 'Payment',
      billpayment: 'BillPayment',
      account: 'Account',
      vendor: 'Vendor',
      customer: 'Customer',
    }[kind ?? ''] as MirroredEntity | undefined;
    if (bare && qboIdOf(json) !== null) records.push([file, bare, json]);
    else walk(file, json);
  }
  for (const line of fixtureText('airbyte_expected_records_excerpt.jsonl')
    .split('\n')
    .filter(Boolean)) {
    const { stream, data } = JSON.parse(line) as { stream: string; data: unknown };
    if (streams[stream]) records.push([`airbyte ${stream}`, streams[stream], data]);
  }

  it('finds the fixtures', () => {
    expect(new Set(records.map(([, e]) => e))).toEqual(
      new Set(['Account', 'Bill', 'BillPayment', 'Customer', 'Invoice', 'Payment', 'Vendor']),
    );
  });

  it.each(
    records.map(
      ([file, entity, raw]) => [`${file} ${entity} ${String(qboIdOf(raw))}`, entity, raw] as const,
    ),
  )('%s', (_name, entity, raw) => {
    const row = toMirrorRow(entity, raw);
    if (isRejected(row)) throw new Error(row.reason);
    expect(row.problems).toEqual([]);
  });
});
