/* eslint-disable @typescript-eslint/no-explicit-any -- QBO wire JSON is untyped; these tests read it loosely and assert on it. */
// The answers to the writes a fix sends, against the recorded QBO payloads in shared/qbo-fixtures: the
// recorded update requests replayed, the 5010 and 6240 faults, the delete answer, a payment applied to
// an invoice and a bill paid (LinkedTxn, LineEx, SyncToken) as the recorded records show them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureText } from '../support/fixtures.ts';
import { admin, api } from './helpers.ts';
import { fault, REALM, startFixEmulator, type FixEmulator } from './fix-books.ts';

const fixture = (name: string): any => JSON.parse(fixtureText(name));
const shape = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(shape)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, shape((v as any)[k])]),
        )
      : typeof v;
/** The request body recorded beside a wire fixture (its .source.txt "Request body:" line). */
const recordedRequest = (name: string): any =>
  JSON.parse(
    /^Request body: (.*)$/m.exec(fixtureText(name.replace(/\.json$/, '.source.txt')))![1]!,
  );

let f: FixEmulator;
beforeAll(async () => {
  f = await startFixEmulator();
});
afterAll(() => f.close());

describe('recorded update requests, replayed', () => {
  it('customer_update_response: the recorded full update of Jack Moe answers SyncToken 1 in the recorded shape', async () => {
    const real = fixture('customer_update_response.json');
    const body = recordedRequest('customer_update_response.json');
    expect(body).toMatchObject({ Id: '68', SyncToken: '0', DisplayName: 'Jack Moe' });
    const r = await f.write('customer?minorversion=8', body);
    expect(r.status).toBe(200);
    expect(String(r.headers['content-type'])).toBe('application/json;charset=utf-8');
    const mine = r.json();
    expect(Object.keys(mine)).toEqual(Object.keys(real));
    const common = Object.keys(real.Customer).filter((k) => k in mine.Customer);
    expect(common.length).toBeGreaterThanOrEqual(Object.keys(real.Customer).length - 3);
    for (const k of common)
      expect([k, shape(mine.Customer[k])]).toEqual([k, shape(real.Customer[k])]);
    expect(mine.Customer).toMatchObject({
      Id: '68',
      SyncToken: '1',
      DisplayName: 'Jack Moe',
      FullyQualifiedName: 'Jack Moe',
      PrimaryPhone: { FreeFormNumber: '(415) 444-1234' },
    });
    expect(r.text).toContain('"Balance":0,');
  });

  it('account_sparse_update_noop_response: the recorded no-op answers the same SyncToken and time', async () => {
    const real = fixture('account_sparse_update_noop_response.json');
    const body = recordedRequest('account_sparse_update_noop_response.json');
    const before = await f.held('Account', '5');
    expect(before).toMatchObject({ Name: body.Name, Active: false, SyncToken: body.SyncToken });
    const r = await f.write('account', body);
    expect(r.status).toBe(200);
    const mine = r.json().Account;
    expect(Object.keys(mine).sort()).toEqual(Object.keys(real.Account).sort());
    expect(shape(mine)).toEqual(shape(real.Account));
    expect(mine.SyncToken).toBe('1');
    expect(mine.MetaData).toEqual(before.MetaData);
  });
});

describe('faults', () => {
  it('a stale SyncToken answers the recorded 5010 (batch_response_with_faults bid3) as a standalone 400', async () => {
    const real = (fixture('batch_response_with_faults.json').BatchItemResponse as any[]).find(
      (i) => i.bId === 'bid3',
    );
    const recordedDetail: string = real.Fault.Error[0].Detail;
    const recordedUser = /^Stale Object Error : You and (.+) were working on this/.exec(
      recordedDetail,
    )![1]!;
    const seen = await f.held('Invoice', '201');
    await admin(f.emu, 'POST', `companies/${REALM}/Invoice/201`, { PrivateNote: 'edited in QBO' });
    const r = await f.write('invoice', { ...seen, sparse: true, PrivateNote: 'A private note.' });
    expect(r.status).toBe(400);
    expect(String(r.headers['content-type'])).toBe('application/json');
    const mine = r.json();
    expect(Object.keys(mine)).toEqual(['Fault', 'time']);
    expect(shape(mine.Fault)).toEqual(shape(real.Fault));
    const e = fault(r);
    expect(e).toMatchObject({ Message: 'Stale Object Error', code: '5010', element: '' });
    const myUser = /^Stale Object Error : You and (.+) were working on this/.exec(e.Detail)![1]!;
    expect(e.Detail.split(myUser).join('<user>')).toBe(
      recordedDetail.split(recordedUser).join('<user>'),
    );
  });

  it('a duplicate name answers the recorded 6240 (fault_validation_duplicate_name), its recorded request replayed', async () => {
    const real = fixture('fault_validation_duplicate_name.json');
    const body = recordedRequest('fault_validation_duplicate_name.json');
    expect((await f.write('customer', body)).status).toBe(200);
    const r = await f.write('customer', body);
    expect(r.status).toBe(400);
    expect(shape(r.json())).toEqual(shape(real));
    expect(r.json().Fault).toEqual(real.Fault);
  });
});

describe('delete', () => {
  it('answers as invoice_delete_response does, for a bill', async () => {
    const real = fixtureText('invoice_delete_response.json');
    const bill = await f.held('Bill', '101');
    const r = await f.write('bill?operation=delete&minorversion=75', {
      Id: bill.Id,
      SyncToken: bill.SyncToken,
    });
    expect(r.status).toBe(200);
    const template = (text: string) =>
      text
        .replace(/"Invoice"|"Bill"/, '"<Entity>"')
        .replace(/"Id":"\d+"/, '"Id":"<id>"')
        .replace(/"time":"[^"]+"/, '"time":"<time>"');
    expect(template(r.text)).toBe(template(real));
  });
});

describe('payments linking documents, as the recorded records show', () => {
  it('a payment applied to an invoice: its line as payment_customer_full_invoice, the invoice as invoice_paid_multi_line_taxed', async () => {
    const realPay = fixture('payment_customer_full_invoice.json');
    const realInv = fixture('invoice_paid_multi_line_taxed.json');
    const pay = await f.held('Payment', '401');
    const inv = await f.held('Invoice', '202');
    await admin(f.emu, 'POST', 'clock', { advanceSeconds: 600 });
    const r = await f.write('payment?requestid=conf-apply&minorversion=75', {
      Id: pay.Id,
      SyncToken: pay.SyncToken,
      sparse: true,
      Line: [{ Amount: 250, LinkedTxn: [{ TxnId: '202', TxnType: 'Invoice' }] }],
    });
    expect(r.status).toBe(200);
    const mine = r.json().Payment;
    for (const k of Object.keys(realPay).filter((k) => k !== 'LinkedTxn'))
      expect([k, shape(mine[k])]).toEqual([k, shape(realPay[k])]);
    const ex = mine.Line[0].LineEx.any.map((nv: any) => nv.value);
    expect(ex).toEqual([
      { Name: 'txnId', Value: '202' },
      { Name: 'txnOpenBalance', Value: '250.00' },
      { Name: 'txnReferenceNumber', Value: inv.DocNumber },
    ]);
    expect(mine.UnappliedAmt).toBe(50);
    const paid = await f.held('Invoice', '202');
    expect(shape(paid.LinkedTxn[0])).toEqual(shape(realInv.LinkedTxn[0]));
    expect(paid.LinkedTxn).toEqual([{ TxnId: '401', TxnType: 'Payment' }]);
    // Recorded invoice 12: LastUpdatedTime is its payment's time and SyncToken has moved.
    expect(paid).toMatchObject({
      Balance: 0,
      SyncToken: String(Number(inv.SyncToken) + 1),
      MetaData: { LastUpdatedTime: mine.MetaData.LastUpdatedTime },
    });
    const wire = (await api(f.emu, REALM, f.token, 'invoice/202')).text;
    expect(wire).toContain('"Balance":0');
  });

  it('a bill paid by a bill payment: LinkedTxn BillPaymentCheck, SyncToken + 1, LastUpdatedTime = the payment’s CreateTime (bill_paid_single_line)', async () => {
    const real = fixture('bill_paid_single_line.json');
    const realPayment = fixture('billpayment_check.json');
    expect(real.SyncToken).toBe('1');
    expect(real.MetaData.LastUpdatedTime).toBe(realPayment.MetaData.CreateTime);
    const bill = await f.held('Bill', '102');
    await admin(f.emu, 'POST', 'clock', { advanceSeconds: 600 });
    const r = await f.write('billpayment', {
      VendorRef: { value: '56' },
      PayType: 'Check',
      CheckPayment: { BankAccountRef: { value: '35' } },
      TotalAmt: 300,
      Line: [{ Amount: 300, LinkedTxn: [{ TxnId: '102', TxnType: 'Bill' }] }],
    });
    expect(r.status).toBe(200);
    const payment = r.json().BillPayment;
    const paid = await f.held('Bill', '102');
    expect(shape(paid.LinkedTxn)).toEqual(shape(real.LinkedTxn));
    expect(paid).toMatchObject({
      Balance: 0,
      LinkedTxn: [{ TxnId: payment.Id, TxnType: 'BillPaymentCheck' }],
      SyncToken: String(Number(bill.SyncToken) + 1),
      MetaData: {
        CreateTime: bill.MetaData.CreateTime,
        LastUpdatedTime: payment.MetaData.CreateTime,
      },
    });
    // The vendor's balance moved with it, its SyncToken did not (customer_with_open_balance: SyncToken 0).
    expect((await f.held('Vendor', '56')).SyncToken).toBe('0');
  });
});
