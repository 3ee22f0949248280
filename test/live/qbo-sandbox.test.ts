// Against Intuit's real QBO sandbox, only when credentials are given (they never are in CI here):
//   ROWCOL_SANDBOX_CLIENT_ID, ROWCOL_SANDBOX_CLIENT_SECRET, ROWCOL_SANDBOX_REALM_ID, ROWCOL_SANDBOX_REFRESH_TOKEN
//   optional ROWCOL_SANDBOX_TOKEN_FILE: where to keep the rotated refresh token (written with mode 0600;
//   Intuit may hand out a new one on refresh and retire the old one 24 h later).
// What the emulator stands in for everywhere else is checked here against the real thing: the refresh
// through intuit-oauth, the wire format our client parses, and the mapper on real records.
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isRejected, toMirrorRow } from '../../src/core/mirror/columns.ts';
import { IntuitOAuth } from '../../src/main/oauth/intuit.ts';
import { QboClient, type Connection } from '../../src/main/qbo/client.ts';
import { resolveEndpoints } from '../../src/main/qbo/endpoints.ts';

const env = process.env;
const missing = [
  'ROWCOL_SANDBOX_CLIENT_ID',
  'ROWCOL_SANDBOX_CLIENT_SECRET',
  'ROWCOL_SANDBOX_REALM_ID',
  'ROWCOL_SANDBOX_REFRESH_TOKEN',
].filter((k) => !env[k]);
if (missing.length)
  console.warn(
    `[live] QBO sandbox tests skipped: no sandbox credentials (${missing.join(', ')} not set).`,
  );

describe.skipIf(missing.length > 0)('the real QBO sandbox', () => {
  it('refreshes through intuit-oauth, reads company info and a page of bills that the mapper accepts', async () => {
    const endpoints = resolveEndpoints(
      {
        sandbox: true,
        clientId: env.ROWCOL_SANDBOX_CLIENT_ID,
        clientSecret: env.ROWCOL_SANDBOX_CLIENT_SECRET,
      },
      {},
    );
    const oauth = new IntuitOAuth(endpoints, 'http://localhost:8000/callback');
    const realmId = env.ROWCOL_SANDBOX_REALM_ID!;
    let tokens = await oauth.refresh({
      realmId,
      accessToken: '',
      refreshToken: env.ROWCOL_SANDBOX_REFRESH_TOKEN!,
      accessExpiresAt: 0,
      refreshExpiresAt: Date.now() + 86_400_000,
    });
    if (env.ROWCOL_SANDBOX_TOKEN_FILE && tokens.refreshToken !== env.ROWCOL_SANDBOX_REFRESH_TOKEN)
      writeFileSync(env.ROWCOL_SANDBOX_TOKEN_FILE, tokens.refreshToken, { mode: 0o600 });
    expect(tokens.accessExpiresAt).toBeGreaterThan(Date.now());
    const client = new QboClient({ apiBaseUrl: endpoints.apiBaseUrl });
    const conn: Connection = {
      realmId,
      tokens: {
        accessToken: async () => tokens.accessToken,
        refreshAfterRejection: async () => (tokens = await oauth.refresh(tokens)).accessToken,
      },
    };
    try {
      const info = await client.companyInfo(conn);
      expect(info.intuitTid).toBeTruthy();
      expect(typeof (info.records[0] as { CompanyName?: unknown }).CompanyName).toBe('string');
      const bills = await client.queryPage(conn, 'Bill', null, 1, 20);
      for (const bill of bills.records) expect(isRejected(toMirrorRow('Bill', bill))).toBe(false);
    } finally {
      await client.close();
    }
  });
});
