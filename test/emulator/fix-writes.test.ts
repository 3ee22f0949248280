/* eslint-disable @typescript-eslint/no-explicit-any -- QBO wire JSON is untyped; these tests read it loosely and assert on it. */
// The writes a fix sends (issue 11), through real HTTP: sparse updates of bills, invoices, purchases and
// payments with the SyncToken the advisor saw, invoice send, delete of a bill; what QBO refuses; and a
// requestid that applies a write exactly once even when the answer is lost.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { admin, api, q } from './helpers.ts';
import { fault, REALM, startFixEmulator, type FixEmulator } from './fix-books.ts';

let f: FixEmulator;
beforeEach(async () => {
  f = await startFixEmulator();
});
afterEach(() => f.close());

const sparse = (rec: any, fields: Record<string, unknown>) => ({
  Id: rec.Id,
  SyncToken: rec.SyncToken,
  sparse: true,
  ...fields,
});
const RQ = (id: string) => `?requestid=${id}&minorversion=75`;

describe('name lists update without colliding with themselves', () => {
  it.each([
    [
      'Vendor',
      'vendor',
      '56',
      { DisplayName: 'Flour Mill Co', PrimaryPhone: { FreeFormNumber: '555-0101' } },
    ],
    ['Customer', 'customer', '2', { DisplayName: 'Cool Cars', Notes: 'pays late' }],
    ['Account', 'account', '7', { Name: 'Supplies', Description: 'flour and sugar' }],
    ['Item', 'item', '1', { Name: 'Services', Description: 'baking classes' }],
  ])(
    '%s: a sparse update keeping its own name moves SyncToken by one',
    async (entity, path, id, fields) => {
      const before = await f.held(entity, id);
      const r = await f.write(`${path}${RQ(`n-${entity}`)}`, sparse(before, fields));
      expect(r.status).toBe(200);
      expect(r.json()[entity].SyncToken).toBe(String(Number(before.SyncToken) + 1));
      expect((await f.held(entity, id)).SyncToken).toBe(String(Number(before.SyncToken) + 1));
    },
  );

  it('a rename onto another record of the list is still 6240, by the API and by the admin', async () => {
    const v = await f.held('Vendor', '56');
    const r = await f.write('vendor', sparse(v, { DisplayName: 'sugar supply' }));
    expect(r.status).toBe(400);
    expect(fault(r)).toMatchObject({ code: '6240', Message: 'Duplicate Name Exists Error' });
    const viaAdmin = await admin(f.emu, 'POST', `companies/${REALM}/Customer/2`, {
      DisplayName: 'Jack Moe',
    });
    expect(viaAdmin).toMatchObject({ status: 400, json: { code: '6240' } });
    expect(
      (await admin(f.emu, 'POST', `companies/${REALM}/Customer/2`, { Notes: 'x' })).status,
    ).toBe(200);
  });

  it('a sparse account update must carry the name (as the recorded one did)', async () => {
    const a = await f.held('Account', '7');
    const r = await f.write('account', sparse(a, { Description: 'no name sent' }));
    expect(r.status).toBe(400);
    expect(fault(r)).toMatchObject({ code: '2020', element: 'Name' });
    expect((await f.held('Account', '7')).SyncToken).toBe(a.SyncToken);
  });
});

describe('sparse updates of the documents a fix changes', () => {
  it('bill: due date, private note, vendor (balances move), and a recategorized line', async () => {
    const bill = await f.held('Bill', '101');
    const due = await f.write(
      `bill${RQ('b-due')}`,
      sparse(bill, { DueDate: '2026-12-20', PrivateNote: 'per phone call' }),
    );
    expect(due.status).toBe(200);
    const b1 = due.json().Bill;
    expect(b1).toMatchObject({
      DueDate: '2026-12-20',
      PrivateNote: 'per phone call',
      SyncToken: '1',
      TotalAmt: 300,
    });
    expect(b1.Line).toEqual(bill.Line); // untouched: not in the body

    const v56 = (await f.held('Vendor', '56')).Balance;
    const v57 = (await f.held('Vendor', '57')).Balance;
    const moved = (await f.write('bill', sparse(b1, { VendorRef: { value: '57' } }))).json().Bill;
    expect(moved.VendorRef).toEqual({ value: '57', name: 'Sugar Supply' });
    expect((await f.held('Vendor', '56')).Balance).toBe(v56 - 300);
    expect((await f.held('Vendor', '57')).Balance).toBe(v57 + 300);

    // The Line list replaces the lines whole; the account's name is filled in; the total stays.
    const line = {
      ...moved.Line[0],
      AccountBasedExpenseLineDetail: { AccountRef: { value: '7' } },
    };
    const recat = await f.write(
      'bill',
      sparse(moved, { VendorRef: moved.VendorRef, Line: [line] }),
    );
    expect(recat.status).toBe(200);
    const b3 = recat.json().Bill;
    expect(b3.SyncToken).toBe('3');
    expect(b3.Line).toHaveLength(1);
    expect(b3.Line[0]).toMatchObject({
      Id: moved.Line[0].Id,
      Amount: 300,
      AccountBasedExpenseLineDetail: { AccountRef: { value: '7', name: 'Supplies' } },
    });
    expect(b3).toMatchObject({ TotalAmt: 300, Balance: 300, PrivateNote: 'per phone call' });
  });

  it('bill: refused as QBO refuses, and nothing changes', async () => {
    const bill = await f.held('Bill', '102');
    const line = (account: string) => [
      { ...bill.Line[0], AccountBasedExpenseLineDetail: { AccountRef: { value: account } } },
    ];
    const cases: [unknown, string, string | undefined][] = [
      [sparse(bill, { Line: line('7') }), '2020', 'VendorRef'], // a Line without the vendor
      [sparse(bill, { VendorRef: bill.VendorRef, Line: line('999') }), '2500', undefined], // no such account
      [sparse(bill, { VendorRef: bill.VendorRef, Line: line('9') }), '610', ''], // an inactive account
      [sparse(bill, { VendorRef: { value: '58' } }), '610', ''], // an inactive vendor
      [sparse(bill, { VendorRef: { value: '4242' } }), '2500', undefined],
      [{ ...sparse(bill, { DueDate: '2027-01-01' }), SyncToken: undefined }, '2020', 'SyncToken'],
    ];
    for (const [body, code, element] of cases) {
      const r = await f.write('bill', body);
      expect(r.status).toBe(400);
      expect(fault(r).code).toBe(code);
      if (element !== undefined) expect(fault(r).element).toBe(element);
    }
    expect(await f.held('Bill', '102')).toEqual(bill);
    expect((await f.writes()).refused).toBe(cases.length);
    expect((await f.writes()).applied).toBe(0);
  });

  it('invoice: due date, private note, customer (balances move)', async () => {
    const inv = await f.held('Invoice', '203');
    const c1 = (await f.held('Customer', '1')).Balance;
    const c2 = (await f.held('Customer', '2')).Balance;
    const r = await f.write(
      `invoice${RQ('i-1')}`,
      sparse(inv, {
        DueDate: '2026-12-31',
        PrivateNote: 'billed to the right customer',
        CustomerRef: { value: '1' },
      }),
    );
    expect(r.status).toBe(200);
    expect(r.json().Invoice).toMatchObject({
      DueDate: '2026-12-31',
      PrivateNote: 'billed to the right customer',
      CustomerRef: { value: '1', name: "Amy's Bird Sanctuary" },
      SyncToken: '1',
      TotalAmt: 100,
      Balance: 100,
    });
    expect((await f.held('Customer', '1')).Balance).toBe(c1 + 100);
    expect((await f.held('Customer', '2')).Balance).toBe(c2 - 100);
  });

  it('purchase: payee, private note and a recategorized line', async () => {
    const p = await f.held('Purchase', '501');
    expect(p.EntityRef).toBeUndefined();
    const payee = await f.write(
      'purchase',
      sparse(p, { EntityRef: { value: '56', type: 'Vendor' }, PrivateNote: 'Costco run' }),
    );
    expect(payee.status).toBe(200);
    const p1 = payee.json().Purchase;
    expect(p1).toMatchObject({
      EntityRef: { value: '56', name: 'Flour Mill Co', type: 'Vendor' },
      SyncToken: '1',
    });
    const line = [{ ...p1.Line[0], AccountBasedExpenseLineDetail: { AccountRef: { value: '7' } } }];
    const missing = await f.write('purchase', sparse(p1, { Line: line }));
    expect(fault(missing)).toMatchObject({ code: '2020', element: 'PaymentType' });
    const recat = await f.write(
      'purchase',
      sparse(p1, { PaymentType: 'Cash', AccountRef: p1.AccountRef, Line: line }),
    );
    expect(recat.status).toBe(200);
    expect(recat.json().Purchase.Line[0].AccountBasedExpenseLineDetail.AccountRef).toEqual({
      value: '7',
      name: 'Supplies',
    });
    expect(recat.json().Purchase).toMatchObject({
      SyncToken: '2',
      TotalAmt: 40,
      PrivateNote: 'Costco run',
    });
  });

  it('a stale SyncToken is 5010 and QBO keeps its own value', async () => {
    const seen = await f.held('Bill', '102');
    await admin(f.emu, 'POST', `companies/${REALM}/Bill/102`, { DueDate: '2027-02-01' }); // someone in QBO
    const r = await f.write('bill', sparse(seen, { DueDate: '2026-12-15' }));
    expect(r.status).toBe(400);
    expect(fault(r)).toMatchObject({ code: '5010', Message: 'Stale Object Error', element: '' });
    const now = await f.held('Bill', '102');
    expect(now).toMatchObject({
      DueDate: '2027-02-01',
      SyncToken: String(Number(seen.SyncToken) + 1),
    });
  });
});

describe('applying an unapplied payment to an open invoice', () => {
  it('the payment falls unapplied, the invoice falls open, each links the other, both SyncTokens move once', async () => {
    const pay = await f.held('Payment', '401');
    const inv = await f.held('Invoice', '201');
    const customer = (await f.held('Customer', '1')).Balance;
    expect(pay.UnappliedAmt).toBe(300);
    const body = sparse(pay, {
      Line: [{ Amount: 300, LinkedTxn: [{ TxnId: '201', TxnType: 'Invoice' }] }],
    });
    const r = await f.write(`payment${RQ('apply-401')}`, body);
    expect(r.status).toBe(200);
    const p = r.json().Payment;
    expect(p).toMatchObject({ SyncToken: '1', TotalAmt: 300, UnappliedAmt: 0 });
    expect(p.Line[0].LinkedTxn).toEqual([{ TxnId: '201', TxnType: 'Invoice' }]);
    const after = await f.held('Invoice', '201');
    expect(after).toMatchObject({ Balance: 200, SyncToken: String(Number(inv.SyncToken) + 1) });
    expect(after.LinkedTxn).toEqual([{ TxnId: '401', TxnType: 'Payment' }]);
    expect((await f.held('Customer', '1')).Balance).toBe(customer - 300);
    // The same requestid again: the first answer, nothing applied twice.
    const again = await f.write(`payment${RQ('apply-401')}`, body);
    expect(again.text).toBe(r.text);
    expect(await f.held('Invoice', '201')).toEqual(after);
    expect(await f.writes()).toEqual({ applied: 1, replayed: 1, refused: 0 });
  });

  it('refuses more than the invoice owes, more than the payment, and another customer’s invoice', async () => {
    const pay = await f.held('Payment', '401');
    const link = (amount: number, id: string) => ({
      Amount: amount,
      LinkedTxn: [{ TxnId: id, TxnType: 'Invoice' }],
    });
    for (const lines of [
      [link(260, '202')],
      [link(200, '201'), link(200, '202')],
      [link(50, '203')],
    ]) {
      const r = await f.write('payment', sparse(pay, { Line: lines }));
      expect(r.status).toBe(400);
      expect(fault(r).code).toBe('6000');
    }
    expect(await f.held('Payment', '401')).toEqual(pay);
    expect((await f.held('Invoice', '202')).Balance).toBe(250);
  });
});

describe('invoice send', () => {
  it('sends to the address given, marks it sent with the delivery time, and remembers the address', async () => {
    const inv = await f.held('Invoice', '201');
    expect(inv.EmailStatus).toBe('NotSet');
    const r = await f.write(
      `invoice/201/send?sendTo=${encodeURIComponent('amy@example.com')}&requestid=s-1&minorversion=75`,
      undefined,
      'application/octet-stream',
    );
    expect(r.status).toBe(200);
    const sent = r.json().Invoice;
    expect(sent).toMatchObject({
      Id: '201',
      EmailStatus: 'EmailSent',
      BillEmail: { Address: 'amy@example.com' },
      DeliveryInfo: {
        DeliveryType: 'Email',
        DeliveryTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-0[78]:00$/),
      },
      SyncToken: inv.SyncToken, // Intuit's sample answer keeps it (docs/qbo-api.md §5.13)
    });
    expect(await f.held('Invoice', '201')).toEqual(sent);
    const again = await f.write(
      'invoice/201/send?sendTo=amy%40example.com&requestid=s-1',
      undefined,
      'application/octet-stream',
    );
    expect(again.text).toBe(r.text);
    expect(await f.writes()).toEqual({ applied: 1, replayed: 1, refused: 0 });
  });

  it('without sendTo uses the invoice’s BillEmail; with neither it is refused and nothing changes', async () => {
    const r = await f.write('invoice/202/send', undefined, 'application/octet-stream');
    expect(r.json().Invoice).toMatchObject({
      EmailStatus: 'EmailSent',
      BillEmail: { Address: 'ap@amys.example' },
    });
    const before = await f.held('Invoice', '203');
    const none = await f.write('invoice/203/send', undefined, 'application/octet-stream');
    expect(none.status).toBe(400);
    expect(fault(none)).toMatchObject({ code: '2020', element: 'sendTo' });
    const bad = await f.write(
      'invoice/203/send?sendTo=not-an-address',
      undefined,
      'application/octet-stream',
    );
    expect(fault(bad).code).toBe('2010');
    expect(
      fault(
        await f.write(
          'invoice/9999/send?sendTo=a@b.example',
          undefined,
          'application/octet-stream',
        ),
      ).code,
    ).toBe('610');
    expect(await f.held('Invoice', '203')).toEqual(before);
  });
});

describe('delete of a duplicate bill', () => {
  it('answers Deleted, the bill is gone (read 610, CDC Deleted) and its vendor no longer owes it', async () => {
    const bill = await f.held('Bill', '102');
    const vendor = (await f.held('Vendor', '56')).Balance;
    const stale = await f.write('bill?operation=delete', { Id: '102', SyncToken: '7' });
    expect(fault(stale).code).toBe('5010');
    const r = await f.write(`bill?operation=delete&requestid=d-102`, {
      Id: '102',
      SyncToken: bill.SyncToken,
    });
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({
      Bill: { domain: 'QBO', status: 'Deleted', Id: '102' },
      time: expect.any(String),
    });
    const again = await f.write(`bill?operation=delete&requestid=d-102`, {
      Id: '102',
      SyncToken: bill.SyncToken,
    });
    expect(again.text).toBe(r.text);
    expect(fault(await api(f.emu, REALM, f.token, 'bill/102')).code).toBe('610');
    expect((await admin(f.emu, 'GET', `companies/${REALM}/Bill/102`)).status).toBe(404);
    expect((await f.held('Vendor', '56')).Balance).toBe(vendor - 300);
    const cdc = (
      await api(
        f.emu,
        REALM,
        f.token,
        `cdc?entities=Bill&changedSince=${encodeURIComponent('2026-11-25T00:00:00-08:00')}`,
      )
    ).json();
    expect(cdc.CDCResponse[0].QueryResponse[0].Bill).toContainEqual(
      expect.objectContaining({ status: 'Deleted', Id: '102' }),
    );
    expect(await f.writes()).toEqual({ applied: 1, replayed: 1, refused: 1 });
  });

  it('refuses to delete a bill a bill payment is linked to', async () => {
    const bill = await f.held('Bill', '103');
    expect(bill.LinkedTxn).toEqual([{ TxnId: '301', TxnType: 'BillPaymentCheck' }]);
    const r = await f.write('bill?operation=delete', { Id: '103', SyncToken: bill.SyncToken });
    expect(r.status).toBe(400);
    expect(fault(r)).toMatchObject({ code: '6000' });
    expect(await f.held('Bill', '103')).toEqual(bill);
    const count = (await api(f.emu, REALM, f.token, q('SELECT COUNT(*) FROM Bill'))).json();
    expect(count.QueryResponse.totalCount).toBe(3);
  });
});

describe('exactly once when the answer is lost', () => {
  it('commit-then-drop: the write is applied, the retry with the same requestid gets it, SyncToken moved by one', async () => {
    const bill = await f.held('Bill', '101');
    await admin(f.emu, 'POST', 'faults', { commitThenDrop: 1, realmId: REALM });
    const body = sparse(bill, { DueDate: '2026-12-24' });
    await expect(f.write(`bill${RQ('fix-7')}`, body)).rejects.toThrow();
    const committed = await f.held('Bill', '101');
    expect(committed).toMatchObject({
      DueDate: '2026-12-24',
      SyncToken: String(Number(bill.SyncToken) + 1),
    });
    const retry = await f.write(`bill${RQ('fix-7')}`, body); // same body, same (now stale) SyncToken
    expect(retry.status).toBe(200);
    expect(retry.json().Bill).toEqual(committed);
    expect(await f.held('Bill', '101')).toEqual(committed);
    expect(await f.writes()).toEqual({ applied: 1, replayed: 1, refused: 0 });
    // Without the requestid the same body is a new write on an old version: 5010.
    expect(fault(await f.write('bill', body)).code).toBe('5010');
  });
});

describe('admin read of a record', () => {
  it('answers the record as the API reads it, 404 for one that is not there', async () => {
    const read = (await api(f.emu, REALM, f.token, 'invoice/202')).json().Invoice;
    expect(await f.held('Invoice', '202')).toEqual(read);
    expect((await admin(f.emu, 'GET', `companies/${REALM}/Invoice/777`)).status).toBe(404);
    expect((await admin(f.emu, 'GET', `companies/${REALM}/Widget/1`)).status).toBe(404);
  });
});
