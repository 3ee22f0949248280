/* eslint-disable @typescript-eslint/no-explicit-any -- QBO wire JSON is untyped; these tests read it loosely and assert on it. */
// Issue 12: the generated books carry recurring money and customers with paying habits, and the planted
// manifest lists them. The forecast's detection is scored against this truth, so here the truth itself is
// checked against the records a client reads through the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../emulator/index.ts';
import { admin, api, connect, q } from './helpers.ts';

let emu: EmulatorHandle;
beforeAll(async () => {
  emu = await startEmulator({
    today: '2025-06-15',
    seed: 5,
    companies: 3,
    limits: { perSecond: 1000, perMinute: 100_000 },
  });
});
afterAll(() => emu.close());

const manifest = async (e: EmulatorHandle, realm: string) =>
  (await admin(e, 'GET', `companies/${realm}/planted`)).json;
const all = async (realm: string, token: string, entity: string): Promise<any[]> =>
  (await api(emu, realm, token, q(`SELECT * FROM ${entity} MAXRESULTS 1000`))).json().QueryResponse[
    entity
  ] ?? [];
const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const cents = (x: any) => Math.round(x.TotalAmt * 100);

describe('recurring money in the generated books', () => {
  it('every company has rent, payroll, a subscription, a loan and a regular customer, as the records show', async () => {
    for (const c of emu.companies) {
      const token = (await connect(emu, c.realmId)).accessToken;
      const { recurring } = await manifest(emu, c.realmId);
      const kinds = recurring.map((r: any) => r.kind);
      for (const k of [
        'rent',
        'insurance',
        'software',
        'payroll',
        'subscription',
        'loan',
        'customer',
      ])
        expect(kinds, `${c.name}: ${k}`).toContain(k);
      const purchases = await all(c.realmId, token, 'Purchase');
      const bills = await all(c.realmId, token, 'Bill');
      const payments = await all(c.realmId, token, 'Payment');
      for (const r of recurring) {
        const records = (
          r.entity === 'Bill'
            ? bills.filter((b) => b.VendorRef.value === r.counterpartyId)
            : r.entity === 'Purchase'
              ? purchases.filter((p) => p.EntityRef?.value === r.counterpartyId)
              : payments.filter((p) => p.CustomerRef.value === r.counterpartyId)
        ).sort((a, b) => a.TxnDate.localeCompare(b.TxnDate));
        expect(records.length, `${c.name} ${r.name}`).toBe(r.occurrences);
        expect(r.occurrences).toBeGreaterThanOrEqual(r.cadence === 'biweekly' ? 24 : 11);
        expect(r.direction).toBe(r.kind === 'customer' ? 'in' : 'out');
        const gaps = records.slice(1).map((x, i) => days(records[i].TxnDate, x.TxnDate));
        if (r.cadence === 'biweekly') expect(new Set(gaps)).toEqual(new Set([14]));
        else for (const g of gaps) expect(g, `${r.name} gap`).toBeGreaterThanOrEqual(25);
        if (r.cadence === 'monthly') for (const g of gaps) expect(g).toBeLessThanOrEqual(35);
        if (r.kind === 'customer')
          // A similar amount: within 2% of the usual one.
          for (const x of records)
            expect(Math.abs(cents(x) - r.amountCents)).toBeLessThanOrEqual(r.amountCents * 0.04);
        else for (const x of records) expect(cents(x), r.name).toBe(r.amountCents);
        if (r.kind === 'subscription')
          for (const x of records) expect(x.PaymentType).toBe('CreditCard');
        if (r.kind === 'rent') {
          // Paid the day it is dated, on the same day of the month give or take a day.
          const dom = records.map((x) => Number(x.TxnDate.slice(8, 10)));
          expect(Math.max(...dom) - Math.min(...dom)).toBeLessThanOrEqual(2);
        }
      }
    }
  });

  it('is computed from the current books: a deleted paycheck leaves the count', async () => {
    const realm = emu.companies[1]!.realmId;
    const token = (await connect(emu, realm)).accessToken;
    const before = (await manifest(emu, realm)).recurring.find((r: any) => r.kind === 'payroll');
    const check = (await all(realm, token, 'Purchase')).find(
      (p) => p.EntityRef?.value === before.counterpartyId,
    );
    expect((await admin(emu, 'DELETE', `companies/${realm}/Purchase/${check.Id}`)).status).toBe(
      200,
    );
    const after = (await manifest(emu, realm)).recurring.find((r: any) => r.kind === 'payroll');
    expect(after.occurrences).toBe(before.occurrences - 1);
  });
});

describe('customers with paying habits', () => {
  it('each habit, with six paid invoices or more, paying as the habit says', async () => {
    for (const c of emu.companies) {
      const token = (await connect(emu, c.realmId)).accessToken;
      const { habits } = await manifest(emu, c.realmId);
      expect(new Set(habits.map((h: any) => h.habit))).toEqual(
        new Set(['early', 'on_time', 'late', 'erratic']),
      );
      const payDate = new Map(
        (await all(c.realmId, token, 'Payment')).map((p) => [p.Id, p.TxnDate]),
      );
      const invoices = await all(c.realmId, token, 'Invoice');
      for (const h of habits) {
        const late = invoices
          .filter((i) => i.CustomerRef.value === h.customerId && i.Balance === 0 && i.TotalAmt > 0)
          .map((i) => {
            const paid = (i.LinkedTxn ?? [])
              .filter((l: any) => l.TxnType === 'Payment')
              .map((l: any) => payDate.get(l.TxnId))
              .sort();
            return days(i.DueDate, paid[paid.length - 1]);
          });
        expect(late.length, h.name).toBe(h.paidInvoices);
        expect(h.paidInvoices).toBeGreaterThanOrEqual(6);
        expect(median(late)).toBe(h.medianDaysAfterDue);
        const m = h.medianDaysAfterDue;
        if (h.habit === 'early') expect(m, h.name).toBeLessThanOrEqual(-3);
        if (h.habit === 'on_time') expect(Math.abs(m), h.name).toBeLessThanOrEqual(1.5);
        if (h.habit === 'late') {
          expect(m, h.name).toBeGreaterThanOrEqual(17);
          expect(m, h.name).toBeLessThanOrEqual(23);
        }
        if (h.habit === 'erratic')
          expect(Math.max(...late) - Math.min(...late), h.name).toBeGreaterThanOrEqual(15);
        // Habits stay under 30 days late, so they add nothing to the planted overdue invoices.
        expect(Math.max(...late)).toBeLessThan(30);
      }
    }
  });

  it('the same seed and day give the same truth; another seed another', async () => {
    const a = await startEmulator({ today: '2025-06-15', seed: 5, companies: 3 });
    const b = await startEmulator({ today: '2025-06-15', seed: 6, companies: 3 });
    try {
      const realm = a.companies[0]!.realmId;
      const fresh = await manifest(a, realm);
      const ours = await manifest(emu, realm);
      expect(fresh.habits).toEqual(ours.habits);
      expect(fresh.recurring).toEqual(ours.recurring);
      const other = await manifest(b, b.companies[0]!.realmId);
      expect(other.recurring).not.toEqual(fresh.recurring);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
