import { describe, expect, it } from 'vitest';
import { defaultHygieneThresholds as t } from './codes.ts';
import {
  duplicateBills,
  paidOutsideQbo,
  quietBankAccounts,
  staleSync,
  type PaidOutsideCandidate,
} from './rules.ts';

describe('duplicate bills', () => {
  const b = (qboId: string, txnDate: string, vendorId = '50', totalCents = 77_700) => ({
    qboId,
    docNumber: null,
    vendorId,
    vendorName: 'Hicks',
    totalCents,
    txnDate,
  });
  it('groups same vendor and amount within 7 days of the first, one item per group', () => {
    const found = duplicateBills(
      [
        b('1', '2024-05-01'),
        b('2', '2024-05-08'),
        b('3', '2024-05-09'),
        b('4', '2024-05-12'),
        b('5', '2024-05-01', '51'),
      ],
      t,
    );
    // 1 and 2 (7 days apart) form a group; 3 is 8 days after 1 and starts a new one with 4.
    expect(found.map((f) => f.qboIds)).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(found[0]!.amountCents).toBe(77_700);
  });
  it('ignores different amounts and lone bills', () => {
    expect(duplicateBills([b('1', '2024-05-01'), b('2', '2024-05-02', '50', 77_701)], t)).toEqual(
      [],
    );
  });
});

describe('paid outside QBO', () => {
  const c = (over: Partial<PaidOutsideCandidate>): PaidOutsideCandidate => ({
    billId: '220',
    billDocNumber: null,
    vendorId: '51',
    vendorName: 'Norton',
    balanceCents: 43_210,
    dueDate: '2024-06-05',
    purchaseId: '303',
    payeeId: '51',
    purchaseDate: '2024-06-01',
    ...over,
  });
  it('matches the same vendor or no payee within 7 days of the due date, nearest purchase first', () => {
    const found = paidOutsideQbo(
      [
        c({ purchaseId: '310', purchaseDate: '2024-06-11' }),
        c({}),
        c({ purchaseId: '305', payeeId: null, purchaseDate: '2024-06-06' }),
      ],
      t,
    );
    expect(found.map((f) => f.qboIds)).toEqual([['220', '305']]);
  });
  it('ignores another payee and purchases outside the window', () => {
    expect(paidOutsideQbo([c({ payeeId: '52' }), c({ purchaseDate: '2024-06-13' })], t)).toEqual(
      [],
    );
  });
});

describe('quiet bank accounts and stale sync', () => {
  it('flags an account whose last activity is more than 30 days old, or that never had any', () => {
    const found = quietBankAccounts(
      [
        { qboId: '35', name: 'Checking', lastActivity: '2024-05-04', balanceCents: 0 },
        { qboId: '36', name: 'Savings', lastActivity: '2024-05-03', balanceCents: 0 },
        { qboId: '38', name: 'New', lastActivity: null, balanceCents: 0 },
      ],
      '2024-06-03',
      t,
    );
    expect(found.map((f) => f.qboIds[0])).toEqual(['36', '38']);
  });
  it('says nothing for a never-synced client, names stale entities otherwise', () => {
    const now = new Date('2024-06-03T12:00:00Z');
    expect(staleSync([{ entity: 'Bill', ttlSeconds: 900, lastSuccessAt: null }], now, t)).toEqual(
      [],
    );
    const found = staleSync(
      [
        { entity: 'Bill', ttlSeconds: 900, lastSuccessAt: '2024-06-03T11:00:00Z' },
        { entity: 'Vendor', ttlSeconds: 86_400, lastSuccessAt: '2024-06-02T13:00:00Z' },
        { entity: 'Invoice', ttlSeconds: 900, lastSuccessAt: '2024-06-03T05:00:00Z' },
      ],
      now,
      t,
    );
    expect(found.map((f) => f.title)).toEqual(['Sync is stale for Invoice']);
  });
});
