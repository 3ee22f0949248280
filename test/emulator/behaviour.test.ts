/* eslint-disable @typescript-eslint/no-explicit-any -- QBO wire JSON is untyped; these tests read it loosely and assert on it. */
// Bad input, OAuth rotation and revoke, derived amounts, limits, faults, planted problems.
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../../emulator/index.ts';
import { admin, api, connect, q } from './helpers.ts';

let emu: EmulatorHandle;
let realm: string;
let token: string;
beforeAll(async () => {
  emu = await startEmulator({
    today: '2025-06-15',
    limits: { perSecond: 1000, perMinute: 100_000 },
    refreshGraceSeconds: 60,
  });
  realm = emu.companies[0]!.realmId;
  token = (await connect(emu, realm)).accessToken;
});
afterAll(() => emu.close());

const code = (r: { json: () => unknown }) => (r.json() as any).Fault.Error[0].code;

describe('bad input gets the error QBO gives', () => {
  it.each([
    ['SELECT * FROM', '4001'],
    ['SELECT * FROM Bill WHERE', '4001'],
    ["SELECT * FROM Bill WHERE DocNumber = 'open", '4001'],
    ['SELECT * FROM Bill WHERE TotalAmt > 1 OR TotalAmt < 2', '4001'],
    ['SELECT * FROM Nothing', '4001'],
    ['DROP TABLE Bill', '4001'],
  ])('%s → %s', async (sql, expected) => {
    const r = await api(emu, realm, token, q(sql));
    expect(r.status).toBe(400);
    expect(code(r)).toBe(expected);
  });

  it('bad JSON, missing fields, unknown entity and ids, unknown realm, missing credentials', async () => {
    expect(
      code(await api(emu, realm, token, 'bill', { method: 'POST', body: '{"VendorRef":' })),
    ).toBe('2010');
    expect(
      code(
        await api(emu, realm, token, 'bill', { method: 'POST', body: '{"Line":[{"Amount":1}]}' }),
      ),
    ).toBe('2020');
    expect(
      code(
        await api(emu, realm, token, 'invoice', {
          method: 'POST',
          body: '{"CustomerRef":{"value":"1"},"Line":[]}',
        }),
      ),
    ).toBe('2020');
    expect(
      code(
        await api(emu, realm, token, 'bill', {
          method: 'POST',
          body: '{"VendorRef":{"value":"99999"},"Line":[{"Amount":5,"DetailType":"AccountBasedExpenseLineDetail","AccountBasedExpenseLineDetail":{"AccountRef":{"value":"1"}}}]}',
        }),
      ),
    ).toBe('2500');
    expect(code(await api(emu, realm, token, 'widget'))).toBe('500');
    expect(code(await api(emu, realm, token, 'bill/1.5'))).toBe('2030');
    expect(code(await api(emu, realm, token, 'bill/999999'))).toBe('610');
    expect((await api(emu, '123', token, q('SELECT * FROM Bill'))).status).toBe(403);
    expect((await api(emu, realm, '', q('SELECT * FROM Bill'))).status).toBe(401);
    const admin404 = await admin(emu, 'POST', 'companies/nope/Bill', {});
    expect(admin404.status).toBe(404);
  });
});

describe('OAuth', () => {
  it('rotates refresh tokens, keeps the old one for the grace period, revokes', async () => {
    const { client, refreshToken } = await connect(emu, realm);
    const first = (await client.refresh()).getToken();
    expect(first.refresh_token).not.toBe(refreshToken);
    expect(first.x_refresh_token_expires_in).toBeGreaterThan(0);
    const again = await client.refreshUsingToken(refreshToken); // old one still accepted within the grace period
    expect(again.getToken().access_token).toBeTruthy();
    await admin(emu, 'POST', 'clock', { advanceSeconds: 120 });
    await expect(client.refreshUsingToken(refreshToken)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    const latest = client.getToken().refresh_token;
    await client.revoke({ refresh_token: latest });
    await expect(client.refreshUsingToken(latest)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('codes are single use; the consent page lists companies; a wrong secret is invalid_client', async () => {
    const page = await request(
      `${emu.authorizeUrl}?client_id=${emu.clientId}&response_type=code&scope=com.intuit.quickbooks.accounting&redirect_uri=http://localhost:8000/cb&state=s`,
    );
    const html = await page.body.text();
    for (const c of emu.companies) expect(html).toContain(c.name.replace(/&/g, '&#38;'));
    const auth = await request(
      `${emu.authorizeUrl}?client_id=${emu.clientId}&response_type=code&scope=x&redirect_uri=http://localhost:8000/cb&state=s&auto_approve=${realm}`,
    );
    await auth.body.dump();
    const code = new URL(String(auth.headers.location)).searchParams.get('code') ?? '';
    const form = `grant_type=authorization_code&code=${code}&redirect_uri=${encodeURIComponent('http://localhost:8000/cb')}`;
    const basic = `Basic ${Buffer.from(`${emu.clientId}:${emu.clientSecret}`).toString('base64')}`;
    const post = (body: string, authz = basic) =>
      request(emu.tokenUrl, {
        method: 'POST',
        headers: { authorization: authz, 'content-type': 'application/x-www-form-urlencoded' },
        body,
      }).then(async (r) => ({ status: r.statusCode, json: (await r.body.json()) as any }));
    expect((await post(form)).status).toBe(200);
    expect(await post(form)).toEqual({
      status: 400,
      json: { error_description: 'Token invalid', error: 'invalid_grant' },
    });
    expect(
      (await post(form, `Basic ${Buffer.from(`${emu.clientId}:wrong`).toString('base64')}`)).json
        .error,
    ).toBe('invalid_client');
  });

  it('an expired access token and revoke-all give the real 401', async () => {
    const short = await startEmulator({ companies: 1, size: 'empty', accessTokenTtlSeconds: 5 });
    try {
      const r = short.companies[0]!.realmId;
      const { accessToken } = await connect(short, r);
      expect((await api(short, r, accessToken, 'companyinfo/' + r)).status).toBe(200);
      await admin(short, 'POST', 'clock', { advanceSeconds: 10 });
      const expired = await api(short, r, accessToken, 'companyinfo/' + r);
      expect(expired.status).toBe(401);
      expect((expired.json() as any).fault.error[0].detail).toMatch(/^Token expired/);
      const fresh = await connect(short, r);
      await admin(short, 'POST', 'oauth/revoke-all', {});
      expect((await api(short, r, fresh.accessToken, 'companyinfo/' + r)).status).toBe(401);
    } finally {
      await short.close();
    }
  });
});

describe('derived amounts', () => {
  it('a bill payment lowers the bill, the vendor and the bank; deleting it puts them back', async () => {
    const bank = await admin(emu, 'POST', `companies/${realm}/Account`, {
      Name: 'Test Bank',
      AccountType: 'Bank',
      AccountSubType: 'Checking',
      OpeningBalance: 1000,
    });
    expect(bank.json.CurrentBalance).toBe(1000);
    const vendor = await admin(emu, 'POST', `companies/${realm}/Vendor`, {
      DisplayName: 'Derived Test Vendor',
    });
    const bill = (
      await api(emu, realm, token, 'bill', {
        method: 'POST',
        body: JSON.stringify({
          VendorRef: { value: vendor.json.Id },
          Line: [
            {
              Amount: 300,
              DetailType: 'AccountBasedExpenseLineDetail',
              AccountBasedExpenseLineDetail: { AccountRef: { value: bank.json.Id } },
            },
          ],
        }),
      })
    ).json() as any;
    expect(bill.Bill).toMatchObject({ TotalAmt: 300, Balance: 300, DueDate: expect.any(String) });
    const pay = (
      await api(emu, realm, token, 'billpayment?requestid=pay-1', {
        method: 'POST',
        body: JSON.stringify({
          VendorRef: { value: vendor.json.Id },
          PayType: 'Check',
          CheckPayment: { BankAccountRef: { value: bank.json.Id } },
          TotalAmt: 120,
          Line: [{ Amount: 120, LinkedTxn: [{ TxnId: bill.Bill.Id, TxnType: 'Bill' }] }],
        }),
      })
    ).json() as any;
    // The same requestid gets the same answer and does not pay twice.
    const repeat = (
      await api(emu, realm, token, 'billpayment?requestid=pay-1', { method: 'POST', body: '{}' })
    ).json() as any;
    expect(repeat.BillPayment.Id).toBe(pay.BillPayment.Id);
    const read = async (path: string) => (await api(emu, realm, token, path)).json() as any;
    expect((await read(`bill/${bill.Bill.Id}`)).Bill.Balance).toBe(180);
    expect((await read(`vendor/${vendor.json.Id}`)).Vendor.Balance).toBe(180);
    expect((await read(`account/${bank.json.Id}`)).Account.CurrentBalance).toBe(880);
    await admin(emu, 'DELETE', `companies/${realm}/BillPayment/${pay.BillPayment.Id}`);
    expect((await read(`bill/${bill.Bill.Id}`)).Bill.Balance).toBe(300);
    expect((await read(`account/${bank.json.Id}`)).Account.CurrentBalance).toBe(1000);
  });
});

describe('limits and faults', () => {
  it('enforces the per-second limit with 429 and counts it', async () => {
    const tight = await startEmulator({ companies: 1, size: 'empty', limits: { perSecond: 3 } });
    try {
      const r = tight.companies[0]!.realmId;
      const { accessToken } = await connect(tight, r);
      const statuses = await Promise.all(
        Array.from({ length: 6 }, () =>
          api(tight, r, accessToken, 'companyinfo/' + r).then((x) => x.status),
        ),
      );
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(3);
      const counters = (await admin(tight, 'GET', 'counters')).json;
      expect(counters.realms[r].throttled).toBe(statuses.filter((s) => s === 429).length);
      expect(counters.tokensIssued).toBe(1);
    } finally {
      await tight.close();
    }
  });

  it('DELETE /admin/limits gives every realm a fresh minute (the bench pairs runs on one realm)', async () => {
    const tight = await startEmulator({ companies: 1, size: 'empty', limits: { perMinute: 2 } });
    try {
      const r = tight.companies[0]!.realmId;
      const { accessToken } = await connect(tight, r);
      const info = () => api(tight, r, accessToken, 'companyinfo/' + r).then((x) => x.status);
      expect([await info(), await info(), await info()]).toEqual([200, 200, 429]);
      expect((await admin(tight, 'DELETE', 'limits')).status).toBe(200);
      expect([await info(), await info(), await info()]).toEqual([200, 200, 429]);
    } finally {
      await tight.close();
    }
  });

  it('commit-then-drop commits the write; a retry with the same requestid gets the original answer', async () => {
    await admin(emu, 'POST', 'faults', { commitThenDrop: 1, realmId: realm });
    const body = JSON.stringify({ DisplayName: 'Dropped Answer Ltd' });
    await expect(
      api(emu, realm, token, 'vendor?requestid=v-drop', { method: 'POST', body }),
    ).rejects.toThrow();
    const retry = await api(emu, realm, token, 'vendor?requestid=v-drop', { method: 'POST', body });
    expect(retry.status).toBe(200);
    const count = (
      await api(
        emu,
        realm,
        token,
        q("SELECT COUNT(*) FROM Vendor WHERE DisplayName = 'Dropped Answer Ltd'"),
      )
    ).json() as any;
    expect(count.QueryResponse.totalCount).toBe(1);
    await admin(emu, 'POST', 'faults', { errorRate: 1, errorStatus: 503 });
    expect((await api(emu, realm, token, 'companyinfo/' + realm)).status).toBe(503);
    await admin(emu, 'DELETE', 'faults');
    expect((await api(emu, realm, token, 'companyinfo/' + realm)).status).toBe(200);
  });
});

describe('generated books', () => {
  it('every planted problem appears across the default three companies, and fixing one removes it', async () => {
    const codes = new Set<string>();
    for (const c of emu.companies)
      for (const p of (await admin(emu, 'GET', `companies/${c.realmId}/planted`)).json.problems)
        codes.add(p.code);
    expect([...codes].sort()).toEqual(
      [
        'BANK_ACCOUNT_QUIET',
        'BILL_OVERDUE',
        'DUPLICATE_BILL',
        'FOREIGN_CURRENCY',
        'INVOICE_NEVER_SENT',
        'INVOICE_OVERDUE_30',
        'PAID_OUTSIDE_QBO',
        'PAYMENT_UNAPPLIED',
        'PURCHASE_NO_PAYEE',
        'UNCATEGORIZED_LINE',
        'UNDEPOSITED_FUNDS',
        'ZERO_AMOUNT',
      ].sort(),
    );
    const manifest = (await admin(emu, 'GET', `companies/${realm}/planted`)).json;
    const neverSent = manifest.problems.find((p: any) => p.code === 'INVOICE_NEVER_SENT');
    await admin(emu, 'POST', `companies/${realm}/Invoice/${neverSent.qboIds[0]}`, {
      EmailStatus: 'EmailSent',
    });
    const after = (await admin(emu, 'GET', `companies/${realm}/planted`)).json;
    expect(
      after.problems.some(
        (p: any) => p.code === 'INVOICE_NEVER_SENT' && p.qboIds[0] === neverSent.qboIds[0],
      ),
    ).toBe(false);
  });

  it('is deterministic for a seed and a date, and one company is short of cash', async () => {
    const a = await startEmulator({ today: '2025-06-15', seed: 3, companies: 3 });
    const b = await startEmulator({ today: '2025-06-15', seed: 3, companies: 3 });
    try {
      const ta = (await connect(a, a.companies[0]!.realmId)).accessToken;
      const tb = (await connect(b, b.companies[0]!.realmId)).accessToken;
      const sql = q('SELECT * FROM Bill MAXRESULTS 1000');
      expect((await api(a, a.companies[0]!.realmId, ta, sql)).json().QueryResponse).toEqual(
        (await api(b, b.companies[0]!.realmId, tb, sql)).json().QueryResponse,
      );
      const bank = (
        (
          await api(
            a,
            a.companies[0]!.realmId,
            ta,
            q("SELECT * FROM Account WHERE AccountType = 'Bank'"),
          )
        ).json() as any
      ).QueryResponse.Account[0].CurrentBalance;
      const bills = (
        (
          await api(
            a,
            a.companies[0]!.realmId,
            ta,
            q("SELECT * FROM Bill WHERE DueDate <= '2025-07-13' AND Balance > '0' MAXRESULTS 1000"),
          )
        ).json() as any
      ).QueryResponse.Bill;
      const due = bills
        .filter((x: any) => x.CurrencyRef.value === 'USD')
        .reduce((s: number, x: any) => s + x.Balance, 0);
      expect(bank).toBeLessThan(due);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('admin API', () => {
  it('refuses what a web page could send: a cross-site form post, or any request with an Origin', async () => {
    const form = await request(`${emu.adminUrl}/oauth/revoke-all`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(form.statusCode).toBe(403);
    await form.body.text();
    const fromPage = await request(`${emu.adminUrl}/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: '{"advanceSeconds":1}',
    });
    expect(fromPage.statusCode).toBe(403);
    await fromPage.body.text();
    // A local tool still gets through, and the token it holds still works.
    expect((await admin(emu, 'GET', 'clock')).status).toBe(200);
    expect((await api(emu, realm, token, q('SELECT COUNT(*) FROM Bill'))).status).toBe(200);
  });
});
