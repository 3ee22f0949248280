/* eslint-disable @typescript-eslint/no-explicit-any -- QBO wire JSON is untyped; these tests read it loosely and assert on it. */
// The problems planted in generated books can each be fixed with the writes RowCol sends (issue 11), and
// the planted-problems manifest, computed from the books as QBO holds them, then no longer lists them.
// This is what "a fix is seen applied in the emulator" rests on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../emulator/index.ts';
import { admin, api, connect, q } from './helpers.ts';

let emu: EmulatorHandle;
let realm: string;
let token: string;
beforeAll(async () => {
  emu = await startEmulator({
    today: '2025-06-15',
    seed: 11,
    companies: 1,
    limits: { perSecond: 1000, perMinute: 100_000 },
  });
  realm = emu.companies[0]!.realmId;
  token = (await connect(emu, realm)).accessToken;
});
afterAll(() => emu.close());

type Problem = { code: string; entity: string; qboIds: string[] };
const manifest = async (): Promise<Problem[]> =>
  (await admin(emu, 'GET', `companies/${realm}/planted`)).json.problems;
const listed = async (code: string, id: string) =>
  (await manifest()).some((p) => p.code === code && p.qboIds.includes(id));
const read = async (entity: string, id: string) =>
  (await api(emu, realm, token, `${entity.toLowerCase()}/${id}?minorversion=75`)).json()[entity];
const post = async (path: string, body?: unknown) => {
  const r = await api(emu, realm, token, path, {
    method: 'POST',
    body: body === undefined ? '' : JSON.stringify(body),
    contentType: body === undefined ? 'application/octet-stream' : 'application/json',
  });
  expect([path, r.status, r.status === 200 ? '' : r.text]).toEqual([path, 200, '']);
  return r.json();
};
const firstOf = async (sql: string, entity: string) =>
  (await api(emu, realm, token, q(sql))).json().QueryResponse[entity]?.[0];
const UNCATEGORIZED = ['Uncategorized Expense', 'Uncategorized Income', 'Ask My Accountant'];

describe('every planted problem a fix addresses goes away once the fix is written', () => {
  it('recategorized lines on bills and purchases', async () => {
    const target = await firstOf("SELECT * FROM Account WHERE Name = 'Office Expenses'", 'Account');
    const names = new Map<string, string>();
    for (const a of (
      await api(emu, realm, token, q('SELECT * FROM Account MAXRESULTS 1000'))
    ).json().QueryResponse.Account)
      names.set(a.Id, a.Name);
    const found = (await manifest()).filter(
      (p) => p.code === 'UNCATEGORIZED_LINE' && (p.entity === 'Bill' || p.entity === 'Purchase'),
    );
    expect(found.length).toBeGreaterThanOrEqual(2);
    for (const p of found) {
      const rec = await read(p.entity, p.qboIds[0]!);
      const line = rec.Line.map((l: any) => {
        const ref = l.AccountBasedExpenseLineDetail?.AccountRef;
        return ref && UNCATEGORIZED.includes(names.get(ref.value) ?? '')
          ? {
              ...l,
              AccountBasedExpenseLineDetail: {
                ...l.AccountBasedExpenseLineDetail,
                AccountRef: { value: target.Id },
              },
            }
          : l;
      });
      const required =
        p.entity === 'Bill'
          ? { VendorRef: rec.VendorRef }
          : { PaymentType: rec.PaymentType, AccountRef: rec.AccountRef };
      const out = await post(`${p.entity.toLowerCase()}?requestid=recat-${rec.Id}`, {
        Id: rec.Id,
        SyncToken: rec.SyncToken,
        sparse: true,
        ...required,
        Line: line,
      });
      expect(out[p.entity].SyncToken).toBe(String(Number(rec.SyncToken) + 1));
      expect(out[p.entity].TotalAmt).toBe(rec.TotalAmt);
      expect(await listed('UNCATEGORIZED_LINE', rec.Id)).toBe(false);
    }
  });

  it('a payee on purchases that had none', async () => {
    const vendor = await firstOf('SELECT * FROM Vendor', 'Vendor');
    const found = (await manifest()).filter((p) => p.code === 'PURCHASE_NO_PAYEE');
    expect(found.length).toBeGreaterThanOrEqual(2);
    for (const p of found) {
      const rec = await read('Purchase', p.qboIds[0]!);
      await post(`purchase?requestid=payee-${rec.Id}`, {
        Id: rec.Id,
        SyncToken: rec.SyncToken,
        sparse: true,
        EntityRef: { value: vendor.Id, type: 'Vendor' },
      });
      expect(await listed('PURCHASE_NO_PAYEE', rec.Id)).toBe(false);
    }
  });

  it('invoices never sent, sent to the customer’s e-mail', async () => {
    const found = (await manifest()).filter((p) => p.code === 'INVOICE_NEVER_SENT');
    expect(found.length).toBeGreaterThanOrEqual(2);
    for (const p of found) {
      const inv = await read('Invoice', p.qboIds[0]!);
      const customer = await read('Customer', inv.CustomerRef.value);
      const to = customer.PrimaryEmailAddr?.Address ?? inv.BillEmail?.Address;
      expect(to).toEqual(expect.stringContaining('@'));
      const out = await post(
        `invoice/${inv.Id}/send?sendTo=${encodeURIComponent(to)}&requestid=send-${inv.Id}`,
      );
      expect(out.Invoice.EmailStatus).toBe('EmailSent');
      expect(await listed('INVOICE_NEVER_SENT', inv.Id)).toBe(false);
    }
  });

  it('an unapplied payment, applied to open invoices of its customer', async () => {
    const p = (await manifest()).find((x) => x.code === 'PAYMENT_UNAPPLIED')!;
    expect(p).toBeDefined();
    const pay = await read('Payment', p.qboIds[0]!);
    const open = (
      await api(
        emu,
        realm,
        token,
        q(`SELECT * FROM Invoice WHERE CustomerRef = '${pay.CustomerRef.value}' AND Balance > '0'`),
      )
    ).json().QueryResponse.Invoice as any[] | undefined;
    let left = pay.UnappliedAmt;
    const lines: any[] = [];
    for (const inv of open ?? []) {
      if (left <= 0) break;
      const amount = Math.min(left, inv.Balance);
      lines.push({ Amount: amount, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] });
      left = Math.round((left - amount) * 100) / 100;
    }
    expect(left).toBe(0); // the plant puts the open invoice it pays beside it
    const out = await post(`payment?requestid=apply-${pay.Id}`, {
      Id: pay.Id,
      SyncToken: pay.SyncToken,
      sparse: true,
      Line: lines,
    });
    expect(out.Payment.UnappliedAmt).toBe(0);
    expect(await listed('PAYMENT_UNAPPLIED', pay.Id)).toBe(false);
  });

  it('a duplicate bill, deleted', async () => {
    const p = (await manifest()).find((x) => x.code === 'DUPLICATE_BILL')!;
    expect(p).toBeDefined();
    const bills = await Promise.all(p.qboIds.map((id) => read('Bill', id)));
    const unpaid = bills.filter((b) => !(b.LinkedTxn ?? []).length);
    expect(unpaid.length).toBeGreaterThan(0);
    const doomed = unpaid[unpaid.length - 1];
    const out = await post(`bill?operation=delete&requestid=del-${doomed.Id}`, {
      Id: doomed.Id,
      SyncToken: doomed.SyncToken,
    });
    expect(out.Bill).toEqual({ domain: 'QBO', status: 'Deleted', Id: doomed.Id });
    expect(
      (await manifest()).some((x) => x.code === 'DUPLICATE_BILL' && x.qboIds.includes(doomed.Id)),
    ).toBe(false);
  });
});
