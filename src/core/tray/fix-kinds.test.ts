import { describe, expect, it } from 'vitest';
import { bulkFixKinds, fixKindsOf, fixRequestsOf } from './fix-kinds.ts';

const item = (code: string, entity: string | null, qboIds: string[]) =>
  ({ id: 7, businessId: 'b', code, entity, qboIds }) as Parameters<typeof fixRequestsOf>[0];

describe('which fixes answer a tray item', () => {
  it('offers the fix of the problem first, and a private note on any record it can change', () => {
    expect(fixKindsOf(item('UNCATEGORIZED_LINE', 'Bill', ['1']))).toEqual(['category', 'note']);
    expect(fixKindsOf(item('UNCATEGORIZED_LINE', 'Invoice', ['1']))).toEqual(['note']);
    expect(fixKindsOf(item('PURCHASE_NO_PAYEE', 'Purchase', ['1']))).toEqual(['payee', 'note']);
    expect(fixKindsOf(item('MISSING_COUNTERPARTY', 'Invoice', ['1']))).toEqual([
      'customer',
      'note',
    ]);
    expect(fixKindsOf(item('DUPLICATE_BILL', 'Bill', ['1', '2']))).toEqual([
      'delete-duplicate',
      'note',
    ]);
    expect(fixKindsOf(item('BANK_ACCOUNT_QUIET', 'Account', ['36']))).toEqual([]);
    expect(fixKindsOf(item('MALFORMED_RECORD', 'Bill', []))).toEqual([]);
  });

  it('allows in bulk only what one answer can do for many records', () => {
    expect(bulkFixKinds).toContain('category');
    expect(bulkFixKinds).not.toContain('apply-payment');
    expect(bulkFixKinds).not.toContain('delete-duplicate');
  });

  it('turns a form’s answer into the requests planFix checks', () => {
    expect(
      fixRequestsOf(
        item('UNCATEGORIZED_LINE', 'Bill', ['201']),
        { kind: 'category', accountId: '69' },
        [1, 3],
      ),
    ).toEqual([
      { businessId: 'b', entity: 'Bill', qboId: '201', itemId: 7, accountId: '69', line: 1 },
      { businessId: 'b', entity: 'Bill', qboId: '201', itemId: 7, accountId: '69', line: 3 },
    ]);
    expect(
      fixRequestsOf(item('DUPLICATE_BILL', 'Bill', ['210', '211']), {
        kind: 'delete-duplicate',
        deleteId: '211',
        keepId: '210',
      }),
    ).toEqual([
      { businessId: 'b', entity: 'Bill', qboId: '211', itemId: 7, delete: true, confirm: '210' },
    ]);
  });
});
