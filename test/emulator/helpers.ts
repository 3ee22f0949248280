/* eslint-disable @typescript-eslint/no-explicit-any -- QBO wire JSON is untyped; these tests read it loosely and assert on it. */
// Shared by the emulator tests: connect through the real intuit-oauth client, call the API with undici.
import OAuthClient from 'intuit-oauth';
import { request } from 'undici';
import type { EmulatorHandle } from '../../emulator/index.ts';

export async function connect(
  emu: EmulatorHandle,
  realmId: string,
): Promise<{ client: OAuthClient; accessToken: string; refreshToken: string }> {
  const client = new OAuthClient({
    clientId: emu.clientId,
    clientSecret: emu.clientSecret,
    environment: 'sandbox',
    redirectUri: 'http://localhost:8000/callback',
  });
  client.setAuthorizeURLs({
    authorizeEndpoint: emu.authorizeUrl,
    tokenEndpoint: emu.tokenUrl,
    revokeEndpoint: emu.revokeUrl,
    userInfoEndpoint: `${emu.apiBaseUrl}/userinfo`,
  });
  const uri =
    (client.authorizeUri({
      scope: [OAuthClient.scopes.Accounting],
      state: 'test-state',
    }) as string) + `&auto_approve=${realmId}`;
  const res = await request(uri, { method: 'GET' });
  await res.body.dump();
  if (res.statusCode !== 302) throw new Error(`authorize answered ${res.statusCode}`);
  const location = String(res.headers.location);
  const auth = await client.createToken(location);
  const token = auth.getToken();
  return {
    client,
    accessToken: String(token.access_token),
    refreshToken: String(token.refresh_token),
  };
}

export type Api = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => any;
};

export async function api(
  emu: EmulatorHandle,
  realmId: string,
  token: string,
  path: string,
  init: { method?: 'GET' | 'POST'; body?: string; contentType?: string } = {},
): Promise<Api> {
  const res = await request(`${emu.apiBaseUrl}/v3/company/${realmId}/${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      'content-type': init.contentType ?? 'application/json',
    },
    body: init.body,
  });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, text, json: () => JSON.parse(text) };
}

export const q = (sql: string) => `query?query=${encodeURIComponent(sql)}&minorversion=75`;

export async function admin(
  emu: EmulatorHandle,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<{ status: number; json: any }> {
  const res = await request(`${emu.adminUrl}/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.body.text();
  return { status: res.statusCode, json: text ? JSON.parse(text) : null };
}
