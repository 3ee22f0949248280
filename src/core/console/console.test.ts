import { describe, expect, it } from 'vitest';
import { projectRunway } from '../runway/runway.ts';
import {
  buildCallList,
  callIsDue,
  collectionBucket,
  compareOutcome,
  consoleBills,
  consoleGroup,
  groupConsole,
  type PaymentReadyBill,
} from './console.ts';

const today = '2024-06-03';

describe('decision console', () => {
  it('groups by due date: overdue, due this week (today..+6), later', () => {
    expect(consoleGroup(today, '2024-06-02')).toBe('overdue');
    expect(consoleGroup(today, '2024-06-03')).toBe('this_week');
    expect(consoleGroup(today, '2024-06-09')).toBe('this_week');
    expect(consoleGroup(today, '2024-06-10')).toBe('later');
  });

  it('gives each bill its runway paid now vs delayed, hand-computed', () => {
    // cash 1,000; no burn; bill A 800 due week 3, bill B 500 due week 5; invoice 600 in week 4.
    // Base: w3 200, w4 800, w5 300 → unbounded. A paid now: w1 200, w3 200, ... same → unbounded.
    // B paid now: w1 500, w3 -300 → runway 2. B delayed 14 days to week 7: w3 200, w4 800, w7 300 → unbounded.
    const b = (qboId: string, dueDate: string, cents: number): PaymentReadyBill => ({
      qboId,
      docNumber: null,
      vendorName: 'V',
      txnDate: null,
      dueDate,
      balanceCents: cents,
      currency: 'USD',
      homeCents: cents,
      decision: null,
    });
    const bills = [b('A', '2024-06-17', 80_000), b('B', '2024-07-01', 50_000)];
    const p = projectRunway({
      today,
      cashCents: 100_000,
      weeklyBurnCents: 0,
      invoices: [{ qboId: 'i', dueDate: '2024-06-24', amountCents: 60_000, flagged: false }],
      bills: bills.map((x) => ({
        qboId: x.qboId,
        dueDate: x.dueDate,
        amountCents: x.balanceCents,
        flagged: false,
        plan: null,
      })),
    });
    const rows = consoleBills(today, p.flows, bills, new Map([['A', ['DUPLICATE_BILL' as const]]]));
    expect(
      rows.map((r) => [r.qboId, r.runwayIfPaidNow, r.delayTo, r.runwayIfDelayed, r.flags]),
    ).toEqual([
      ['A', null, '2024-07-01', null, ['DUPLICATE_BILL']],
      ['B', 2, '2024-07-15', null, []],
    ]);
    expect(groupConsole(rows).totals).toEqual({ overdue: 0, this_week: 0, later: 130_000 });
  });

  it('compares a settled decision with the QBO payment date', () => {
    expect(
      compareOutcome({
        billQboId: '1',
        action: 'delay',
        plannedDate: '2024-06-10',
        decidedAt: '2024-06-01T10:00:00Z',
        outcome: 'paid',
        outcomeDate: '2024-06-12',
      }).daysLate,
    ).toBe(2);
    expect(
      compareOutcome({
        billQboId: '1',
        action: 'pay_now',
        plannedDate: null,
        decidedAt: '2024-06-01T10:00:00Z',
        outcome: 'paid',
        outcomeDate: '2024-06-01',
      }).daysLate,
    ).toBe(0);
  });
});

describe('collections', () => {
  it('buckets 30-59, 60-89, 90+ days overdue', () => {
    expect([29, 30, 59, 60, 89, 90, 400].map(collectionBucket)).toEqual([
      null,
      '30',
      '30',
      '60',
      '60',
      '90+',
      '90+',
    ]);
  });

  it('puts calls due first (never called, follow-up or promise reached), then the oldest', () => {
    expect(callIsDue(null, today)).toBe(true);
    const call = (followUpOn: string | null, promisedDate: string | null = null) => ({
      outcome: 'promised',
      calledAt: '2024-05-01T00:00:00Z',
      promisedDate,
      followUpOn,
      note: null,
    });
    expect(callIsDue(call('2024-06-10'), today)).toBe(false);
    expect(callIsDue(call('2024-06-10', '2024-06-03'), today)).toBe(true);
    expect(callIsDue(call(null), today)).toBe(false);
    const row = (
      invoiceQboId: string,
      dueDate: string,
      lastCall: ReturnType<typeof call> | null,
    ) => ({
      businessId: 'c',
      clientName: 'C',
      invoiceQboId,
      docNumber: null,
      customerName: null,
      dueDate,
      balanceCents: 100,
      currency: 'USD',
      lastCall,
    });
    const list = buildCallList(
      [
        row('a', '2024-04-01', call('2024-07-01')),
        row('b', '2024-05-01', null),
        row('c', '2024-05-20', null),
        row('d', '2024-02-01', null),
      ],
      today,
    );
    expect(list.entries.map((e) => [e.invoiceQboId, e.bucket, e.due])).toEqual([
      ['d', '90+', true],
      ['b', '30', true],
      ['a', '60', false],
    ]);
    expect(list.totals['30']).toEqual({ count: 1, byCurrency: { USD: 100 } });
  });

  it('keeps collection totals per currency, never one sum across currencies', () => {
    const row = (invoiceQboId: string, balanceCents: number, currency: string) => ({
      businessId: 'c',
      clientName: 'C',
      invoiceQboId,
      docNumber: null,
      customerName: null,
      dueDate: '2024-04-20',
      balanceCents,
      currency,
      lastCall: null,
    });
    const list = buildCallList(
      [row('a', 10_000, 'USD'), row('b', 30_000, 'EUR'), row('c', 5_000, 'USD')],
      today,
    );
    expect(list.totals['30']).toEqual({ count: 3, byCurrency: { USD: 15_000, EUR: 30_000 } });
  });
});
