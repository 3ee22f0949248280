/* eslint-disable @typescript-eslint/no-explicit-any -- QBO wire JSON is untyped; these tests read it loosely and assert on it. */
// The emulator's answers against the real recorded payloads in shared/qbo-fixtures: same keys and
// nesting, number formatting, fault shapes and paging behaviour.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../emulator/index.ts';
import { fixtureText } from '../support/fixtures.ts';
import { admin, api, connect, q } from './helpers.ts';

const fixture = (name: string): any => JSON.parse(fixtureText(name));
const shape = (v: unknown): unknown =>
  Array.isArray(v)
    ? 'array'
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, shape((v as any)[k])]),
        )
      : typeof v;

let emu: EmulatorHandle;
let realm: string;
let token: string;
beforeAll(async () => {
  emu = await startEmulator({
    today: '2025-06-15',
    companies: 1,
    seed: 7,
    limits: { perSecond: 1000, perMinute: 100_000 },
  });
  realm = emu.companies[0]!.realmId;
  token = (await connect(emu, realm)).accessToken;
});
afterAll(() => emu.close());

describe('conformance with recorded QBO payloads', () => {
  it('query envelope: maxResults = rows returned, no totalCount, keys as recorded', async () => {
    const real = fixture('query_vendor_page_maxresults5.json');
    const res = await api(
      emu,
      realm,
      token,
      q('select * from Vendor MAXRESULTS 5 STARTPOSITION 1'),
    );
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toBe('application/json;charset=utf-8');
    expect(res.headers.intuit_tid).toBeTruthy();
    const mine = res.json() as any;
    expect(Object.keys(mine).sort()).toEqual(Object.keys(real).sort());
    expect(Object.keys(mine.QueryResponse).sort()).toEqual(Object.keys(real.QueryResponse).sort());
    expect(mine.QueryResponse.maxResults).toBe(5);
    expect(mine.QueryResponse.totalCount).toBeUndefined();
    expect(mine.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}-0[78]:00$/);
    // Every key the real vendor carries that a generated vendor also has is shaped the same.
    const realVendor = real.QueryResponse.Vendor[0];
    const myVendor = mine.QueryResponse.Vendor[0];
    for (const k of [
      'Balance',
      'Vendor1099',
      'CurrencyRef',
      'domain',
      'sparse',
      'Id',
      'SyncToken',
      'MetaData',
      'DisplayName',
      'PrintOnCheckName',
      'Active',
    ])
      expect(shape(myVendor[k])).toEqual(shape(realVendor[k]));
    expect(myVendor.MetaData.CreateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-0[78]:00$/);
  });

  it('COUNT(*), a page past the end, inactive rows, escaped quotes', async () => {
    expect(
      Object.keys((await api(emu, realm, token, q('SELECT COUNT(*) FROM Vendor'))).json() as any),
    ).toEqual(Object.keys(fixture('query_vendor_count.json')));
    const active = ((await api(emu, realm, token, q('select count(*) from Vendor'))).json() as any)
      .QueryResponse.totalCount;
    const all = (
      (
        await api(emu, realm, token, q('SELECT COUNT(*) FROM Vendor WHERE Active IN (true, false)'))
      ).json() as any
    ).QueryResponse.totalCount;
    expect(all).toBeGreaterThan(active);
    const past = await api(emu, realm, token, q('SELECT * FROM Vendor STARTPOSITION 100000'));
    expect(Object.keys(past.json() as any)).toEqual(Object.keys(fixture('query_empty_page.json')));
    expect((past.json() as any).QueryResponse).toEqual({});
    await admin(emu, 'POST', `companies/${realm}/Customer`, {
      DisplayName: "Amy's Bird Sanctuary",
    });
    const amy = (
      await api(
        emu,
        realm,
        token,
        q("SELECT * FROM Customer WHERE DisplayName = 'Amy\\'s Bird Sanctuary'"),
      )
    ).json() as any;
    expect(amy.QueryResponse.Customer).toHaveLength(1);
    const posted = await api(emu, realm, token, 'query', {
      method: 'POST',
      body: 'SELECT * FROM Customer MAXRESULTS 2',
      contentType: 'application/text',
    });
    expect((posted.json() as any).QueryResponse.maxResults).toBe(2);
  });

  it('writes amounts with two decimals and zero as 0, Id and SyncToken as strings', async () => {
    const res = await api(emu, realm, token, q('SELECT * FROM Bill MAXRESULTS 50'));
    expect(res.text).toMatch(/"TotalAmt":\d+\.\d\d[,}]/);
    expect(res.text).not.toMatch(/"(TotalAmt|Balance|Amount)":\d+\.\d(?!\d)/);
    expect(res.text).toMatch(/"Balance":0[,}]/);
    const bill = (res.json() as any).QueryResponse.Bill[0];
    expect(typeof bill.Id).toBe('string');
    expect(typeof bill.SyncToken).toBe('string');
    const real = fixture('bill_open_multi_line.json');
    for (const k of [
      'VendorRef',
      'APAccountRef',
      'CurrencyRef',
      'MetaData',
      'TxnDate',
      'DueDate',
      'Balance',
      'TotalAmt',
      'domain',
      'sparse',
      'Id',
      'SyncToken',
    ])
      expect(shape(bill[k])).toEqual(shape(real[k]));
  });

  it('create, read, void and delete answer as recorded', async () => {
    const created = await api(emu, realm, token, 'invoice', {
      method: 'POST',
      body: JSON.stringify({
        CustomerRef: { value: '1' },
        Line: [
          {
            Amount: 100,
            DetailType: 'SalesItemLineDetail',
            SalesItemLineDetail: { ItemRef: { value: '1' } },
          },
        ],
      }),
    });
    const inv = (created.json() as any).Invoice;
    const real = fixture('invoice_create_response.json').Invoice;
    for (const k of [
      'Line',
      'TxnTaxDetail',
      'CustomerRef',
      'DueDate',
      'TotalAmt',
      'Balance',
      'EmailStatus',
      'PrintStatus',
      'LinkedTxn',
      'CurrencyRef',
      'DocNumber',
    ])
      expect(shape(inv[k])).toEqual(shape(real[k]));
    expect(created.text).toContain(
      '"Amount":100.00,"DetailType":"SubTotalLineDetail","SubTotalLineDetail":{}',
    );
    expect(inv.DueDate >= inv.TxnDate).toBe(true);
    const voided = (
      await api(emu, realm, token, 'invoice?operation=void', {
        method: 'POST',
        body: JSON.stringify({ Id: inv.Id, SyncToken: inv.SyncToken }),
      })
    ).json() as any;
    expect(voided.Invoice).toMatchObject({
      SyncToken: '1',
      TotalAmt: 0,
      Balance: 0,
      PrivateNote: 'Voided',
    });
    const deleted = (
      await api(emu, realm, token, 'invoice?operation=delete', {
        method: 'POST',
        body: JSON.stringify({ Id: inv.Id, SyncToken: '1' }),
      })
    ).json() as any;
    expect(Object.keys(deleted.Invoice)).toEqual(
      Object.keys(fixture('invoice_delete_response.json').Invoice),
    );
  });

  it('faults have the recorded shapes', async () => {
    const bad = await api(emu, realm, token, q('SELECT * FROM Custmoer'));
    expect(bad.status).toBe(400);
    const real = fixture('fault_validation_invalid_query.json');
    expect(shape(bad.json())).toEqual(shape(real));
    expect((bad.json() as any).Fault.Error[0]).toMatchObject({
      Message: 'Invalid query',
      Detail: 'QueryValidationError: invalid context declaration: Custmoer',
      code: '4001',
    });
    const unauth = await api(
      emu,
      realm,
      'not-a-real-token-at-all-xxxxxxxx',
      q('SELECT * FROM Bill'),
    );
    expect(unauth.status).toBe(401);
    expect(unauth.headers['www-authenticate']).toBe('Bearer realm="Intuit", error="invalid_token"');
    expect(shape(unauth.json())).toEqual(shape(fixture('fault_auth_401_token_expired.json')));
    const path = await api(emu, realm, token, 'customer/1/5');
    expect(shape(path.json())).toEqual(
      shape(fixture('fault_validation_unsupported_operation.json')),
    );
    expect((path.json() as any).Fault.Error[0].code).toBe('500');
  });
});
