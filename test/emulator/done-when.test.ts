/* eslint-disable @typescript-eslint/no-explicit-any -- QBO wire JSON is untyped; these tests read it loosely and assert on it. */
// Issue 3 "Done when": the real intuit-oauth client through authorize and token, every bill of a large
// company paged, an update with its SyncToken, 5010 for a stale one, a deleted invoice in CDC, the real 429.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../emulator/index.ts';
import { admin, api, connect, q } from './helpers.ts';

let emu: EmulatorHandle;
let realm: string;
let token: string;

beforeAll(async () => {
  emu = await startEmulator({
    size: 'large',
    today: '2025-06-15',
    limits: { perSecond: 1000, perMinute: 100_000, concurrent: 10 },
  });
  realm = emu.companies[0]!.realmId;
  token = (await connect(emu, realm)).accessToken;
});
afterAll(() => emu.close());

describe('done when', () => {
  it('pages through every bill of a large company', async () => {
    const count = (await api(emu, realm, token, q('SELECT COUNT(*) FROM Bill'))).json() as {
      QueryResponse: { totalCount: number };
    };
    expect(count.QueryResponse.totalCount).toBeGreaterThanOrEqual(10_000);
    const ids = new Set<string>();
    for (let start = 1; ; start += 1000) {
      const page = (
        await api(emu, realm, token, q(`SELECT * FROM Bill STARTPOSITION ${start} MAXRESULTS 1000`))
      ).json() as { QueryResponse: { Bill?: { Id: string }[]; maxResults?: number } };
      if (!page.QueryResponse.Bill) {
        expect(page.QueryResponse).toEqual({});
        break;
      }
      expect(page.QueryResponse.maxResults).toBe(page.QueryResponse.Bill.length);
      for (const b of page.QueryResponse.Bill) ids.add(b.Id);
    }
    expect(ids.size).toBe(count.QueryResponse.totalCount);
  });

  it('updates a bill with its SyncToken and refuses a stale one with 5010', async () => {
    const bill = (
      (await api(emu, realm, token, q('SELECT * FROM Bill MAXRESULTS 1'))).json() as any
    ).QueryResponse.Bill[0];
    const ok = await api(emu, realm, token, 'bill?minorversion=75', {
      method: 'POST',
      body: JSON.stringify({
        Id: bill.Id,
        SyncToken: bill.SyncToken,
        sparse: true,
        PrivateNote: 'checked',
      }),
    });
    expect(ok.status).toBe(200);
    const updated = (ok.json() as any).Bill;
    expect(updated.SyncToken).toBe(String(Number(bill.SyncToken) + 1));
    expect(updated.PrivateNote).toBe('checked');
    const stale = await api(emu, realm, token, 'bill', {
      method: 'POST',
      body: JSON.stringify({
        Id: bill.Id,
        SyncToken: bill.SyncToken,
        sparse: true,
        PrivateNote: 'again',
      }),
    });
    expect(stale.status).toBe(400);
    const fault = (stale.json() as any).Fault;
    expect(fault.type).toBe('ValidationFault');
    expect(fault.Error[0].code).toBe('5010');
  });

  it('deletes an invoice and shows it in CDC as deleted', async () => {
    const before = new Date(
      Date.parse((await admin(emu, 'GET', 'clock')).json.now) - 1000,
    ).toISOString();
    const inv = (
      (
        await api(emu, realm, token, q("SELECT * FROM Invoice WHERE Balance > '0' MAXRESULTS 1"))
      ).json() as any
    ).QueryResponse.Invoice[0];
    const del = await api(emu, realm, token, 'invoice?operation=delete', {
      method: 'POST',
      body: JSON.stringify({ Id: inv.Id, SyncToken: inv.SyncToken }),
    });
    expect(del.json()).toMatchObject({ Invoice: { domain: 'QBO', status: 'Deleted', Id: inv.Id } });
    const cdc = (
      await api(
        emu,
        realm,
        token,
        `cdc?entities=invoice,customer&changedSince=${encodeURIComponent(before)}`,
      )
    ).json() as any;
    const [invoices, customers] = cdc.CDCResponse[0].QueryResponse;
    expect(invoices.Invoice).toContainEqual({
      domain: 'QBO',
      status: 'Deleted',
      Id: inv.Id,
      MetaData: {
        LastUpdatedTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d$/),
      },
    });
    // The customer's balance moved, so the customer changed too.
    expect(customers.Customer.map((c: any) => c.Id)).toContain(inv.CustomerRef.value);
    const again = await api(emu, realm, token, `invoice/${inv.Id}`);
    expect((again.json() as any).Fault.Error[0].code).toBe('610');
  });

  it('is throttled with the real XML 429 body', async () => {
    await admin(emu, 'POST', 'faults', { storm429: 1 });
    const res = await api(emu, realm, token, q('SELECT * FROM Vendor'));
    expect(res.status).toBe(429);
    expect(res.text).toContain('<Fault type="SERVICE">');
    expect(res.text).toContain('<Error code="3001">');
    expect(res.text).toContain('message=ThrottleExceeded; errorCode=003001; statusCode=429');
    expect((await api(emu, realm, token, q('SELECT * FROM Vendor MAXRESULTS 1'))).status).toBe(200);
  });
});
