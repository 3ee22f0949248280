import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../dates.ts';
import {
  billWeek,
  invoiceWeek,
  projectRunway,
  runwayWithBillMoved,
  toHomeCents,
  weeklyBurn,
  type ProjectedBill,
  type RunwayInput,
} from './runway.ts';

const today = '2024-06-03'; // a Monday; week 1 = 06-03..06-09, week 2 = 06-10..06-16, week 13 = 08-26..09-01
const bill = (
  qboId: string,
  dueDate: string | null,
  amountCents: number,
  plan: ProjectedBill['plan'] = null,
  flagged = false,
): ProjectedBill => ({
  qboId,
  dueDate,
  amountCents,
  flagged,
  plan,
});

describe('runway placement', () => {
  it('places invoices by due date, overdue under 30 days in week 1, 30+ days out', () => {
    expect(invoiceWeek(today, '2024-06-09')).toBe(1);
    expect(invoiceWeek(today, '2024-06-10')).toBe(2);
    expect(invoiceWeek(today, '2024-05-05')).toBe(1); // 29 days overdue
    expect(invoiceWeek(today, '2024-05-04')).toBe('collections'); // 30 days overdue
    expect(invoiceWeek(today, '2024-09-01')).toBe(13);
    expect(invoiceWeek(today, '2024-09-02')).toBe('beyond');
    expect(invoiceWeek(today, null)).toBe('no_due_date');
  });

  it('places bills by plan, else due date; overdue, pay-now and no due date in week 1; hold at its due date', () => {
    expect(billWeek(today, '2024-01-01', null)).toBe(1);
    expect(billWeek(today, '2024-06-20', null)).toBe(3);
    expect(billWeek(today, '2024-06-20', { action: 'pay_now', plannedDate: null })).toBe(1);
    expect(billWeek(today, '2024-06-04', { action: 'delay', plannedDate: '2024-07-01' })).toBe(5);
    expect(billWeek(today, '2024-06-20', { action: 'hold', plannedDate: null })).toBe(3);
    expect(billWeek(today, '2024-01-01', { action: 'hold', plannedDate: null })).toBe(1);
    expect(billWeek(today, null, null)).toBe(1);
  });
});

describe('runway, hand-computed', () => {
  it('example A: goes below zero in week 3 → 2 weeks', () => {
    // cash 1,000.00; burn 200.00/week; invoice 300.00 due in week 2; bill 900.00 due in week 3.
    // closing: w1 1000-200 = 800; w2 800+300-200 = 900; w3 900-900-200 = -200 → first negative week 3 → runway 2.
    const r = projectRunway({
      today,
      cashCents: 100_000,
      weeklyBurnCents: 20_000,
      invoices: [{ qboId: 'i1', dueDate: '2024-06-12', amountCents: 30_000, flagged: false }],
      bills: [bill('b1', '2024-06-19', 90_000)],
    });
    expect(r.weeks.slice(0, 3).map((w) => w.closingCents)).toEqual([80_000, 90_000, -20_000]);
    expect(r.runwayWeeks).toBe(2);
  });

  it('example B: never negative within 13 weeks → extended at the burn', () => {
    // cash 10,000.00, burn 500.00: closing(13) = 10000 - 13*500 = 3500; 3500/500 = 7 → 13 + 7 = 20.
    const r = projectRunway({
      today,
      cashCents: 1_000_000,
      weeklyBurnCents: 50_000,
      invoices: [],
      bills: [],
    });
    expect(r.weeks[12]!.closingCents).toBe(350_000);
    expect(r.runwayWeeks).toBe(20);
  });

  it('example C: no burn and never negative → unbounded (null)', () => {
    const r = projectRunway({
      today,
      cashCents: 5_000,
      weeklyBurnCents: 0,
      invoices: [],
      bills: [bill('b1', '2024-07-01', 4_000)],
    });
    expect(r.runwayWeeks).toBeNull();
  });

  it('example D: already short in week 1 → 0 weeks; overdue bill lands in week 1', () => {
    // cash 100.00; overdue bill 150.00 → week 1 closing -50 → runway 0.
    const r = projectRunway({
      today,
      cashCents: 10_000,
      weeklyBurnCents: 0,
      invoices: [],
      bills: [bill('b1', '2024-05-01', 15_000)],
    });
    expect(r.weeks[0]!.outflowCents).toBe(15_000);
    expect(r.runwayWeeks).toBe(0);
  });

  it('example E: 30+ days overdue invoices are left out and reported; a held bill stays at its due date', () => {
    // cash 500.00, burn 100.00; invoice 1,000.00 due 40 days ago (left out); held bill 200.00 due in week 3
    // (placed there, hold sets no planned date). closing: w1 400, w2 300, w3 300-200-100 = 0, w4 -100 → runway 3.
    const r = projectRunway({
      today,
      cashCents: 50_000,
      weeklyBurnCents: 10_000,
      invoices: [
        { qboId: 'i1', dueDate: addDays(today, -40), amountCents: 100_000, flagged: false },
      ],
      bills: [bill('b1', '2024-06-19', 20_000, { action: 'hold', plannedDate: null })],
    });
    expect(r.weeks.slice(0, 4).map((w) => w.closingCents)).toEqual([40_000, 30_000, 0, -10_000]);
    expect(r.runwayWeeks).toBe(3);
    expect(r.excluded).toMatchObject({ collectionsCents: 100_000 });
    expect(r.heldCents).toBe(20_000);
  });

  it('example G: an overdue held bill lands in week 1 like any overdue bill', () => {
    // cash 100.00, no burn; held bill 150.00 due a month ago → week 1 closing -50 → runway 0.
    const r = projectRunway({
      today,
      cashCents: 10_000,
      weeklyBurnCents: 0,
      invoices: [],
      bills: [bill('b1', '2024-05-01', 15_000, { action: 'hold', plannedDate: null })],
    });
    expect(r.weeks[0]!.outflowCents).toBe(15_000);
    expect(r.runwayWeeks).toBe(0);
    expect(r.heldCents).toBe(15_000);
  });

  it('example F: confidence is the share of placed money outside flagged records', () => {
    // placed: invoice 300 + bills 500 (flagged) + 200 = 1000; flagged 500 → confidence 0.5.
    const r = projectRunway({
      today,
      cashCents: 1_000_000,
      weeklyBurnCents: 0,
      invoices: [{ qboId: 'i1', dueDate: '2024-06-12', amountCents: 30_000, flagged: false }],
      bills: [bill('b1', '2024-06-19', 50_000, null, true), bill('b2', '2024-06-19', 20_000)],
    });
    expect(r.placedCents).toBe(100_000);
    expect(r.flaggedCents).toBe(50_000);
    expect(r.confidence).toBeCloseTo(0.5);
  });

  it('a delayed bill moves to the week of its planned date and lengthens the runway', () => {
    // cash 1000, burn 0: bill 1500 due week 2 → runway 1. Delayed to week 6 with an invoice 800 in week 4:
    // w4 1800, w6 300 → never negative, burn 0 → unbounded.
    const base: RunwayInput = {
      today,
      cashCents: 100_000,
      weeklyBurnCents: 0,
      invoices: [{ qboId: 'i1', dueDate: '2024-06-25', amountCents: 80_000, flagged: false }],
      bills: [bill('b1', '2024-06-11', 150_000)],
    };
    expect(projectRunway(base).runwayWeeks).toBe(1);
    const delayed = {
      ...base,
      bills: [bill('b1', '2024-06-11', 150_000, { action: 'delay', plannedDate: '2024-07-08' })],
    };
    expect(projectRunway(delayed).runwayWeeks).toBeNull();
    const p = projectRunway(base);
    expect(runwayWithBillMoved(p.flows, 150_000, 2, 6)).toBeNull();
  });

  it('converts foreign amounts with the record rate, refuses without one', () => {
    expect(toHomeCents(10_000, 'EUR', 'USD', 1.1)).toBe(11_000);
    expect(toHomeCents(10_000, 'EUR', 'USD', null)).toBeNull();
    expect(toHomeCents(10_000, null, 'USD', null)).toBe(10_000);
    expect(weeklyBurn(120_000)).toBe(10_000);
  });
});

describe('runway property', () => {
  const day = fc.integer({ min: -60, max: 120 }).map((d) => addDays(today, d));
  const bills = fc.array(
    fc.record({ dueOffset: day, amount: fc.integer({ min: 0, max: 500_000 }) }),
    { minLength: 1, maxLength: 12 },
  );
  const input = fc.record({
    cash: fc.integer({ min: -100_000, max: 2_000_000 }),
    burn: fc.integer({ min: 0, max: 100_000 }),
    invoices: fc.array(fc.record({ due: day, amount: fc.integer({ min: 0, max: 500_000 }) }), {
      maxLength: 8,
    }),
    bills,
    which: fc.nat(),
    delayBy: fc.integer({ min: 1, max: 150 }),
  });

  it('delaying a bill never shortens the runway', () => {
    fc.assert(
      fc.property(input, (x) => {
        const billList = x.bills.map((b, i) => bill(`b${i}`, b.dueOffset, b.amount));
        const base: RunwayInput = {
          today,
          cashCents: x.cash,
          weeklyBurnCents: x.burn,
          invoices: x.invoices.map((v, i) => ({
            qboId: `i${i}`,
            dueDate: v.due,
            amountCents: v.amount,
            flagged: false,
          })),
          bills: billList,
        };
        const k = x.which % billList.length;
        const target = billList[k]!;
        const plannedDate = addDays(target.dueDate! < today ? today : target.dueDate!, x.delayBy);
        const delayed = {
          ...base,
          bills: billList.map((b, i) =>
            i === k ? { ...b, plan: { action: 'delay' as const, plannedDate } } : b,
          ),
        };
        const before = projectRunway(base).runwayWeeks;
        const after = projectRunway(delayed).runwayWeeks;
        // null means unbounded: it is never shorter than anything.
        if (after === null) return true;
        return before !== null && after >= before;
      }),
      { numRuns: 500 },
    );
  });

  it('holding a bill places it exactly where no decision would (hold sets no planned date)', () => {
    fc.assert(
      fc.property(input, (x) => {
        const billList = x.bills.map((b, i) => bill(`b${i}`, b.dueOffset, b.amount));
        const base: RunwayInput = {
          today,
          cashCents: x.cash,
          weeklyBurnCents: x.burn,
          invoices: [],
          bills: billList,
        };
        const k = x.which % billList.length;
        const held = {
          ...base,
          bills: billList.map((b, i) =>
            i === k ? { ...b, plan: { action: 'hold' as const, plannedDate: null } } : b,
          ),
        };
        const a = projectRunway(base);
        const h = projectRunway(held);
        const inHorizon = billWeekOf(billList[k]!) !== 'beyond';
        return (
          a.runwayWeeks === h.runwayWeeks &&
          JSON.stringify(a.weeks) === JSON.stringify(h.weeks) &&
          h.heldCents === (inHorizon ? billList[k]!.amountCents : 0)
        );
      }),
      { numRuns: 300 },
    );
  });
});

const billWeekOf = (b: ProjectedBill) => billWeek(today, b.dueDate, null);
