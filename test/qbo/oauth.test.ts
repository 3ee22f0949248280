// OAuth pieces: the sealed token vault, the one-time loopback listener, state checking, and the
// single-flight refresh through the real intuit-oauth client against a token-endpoint double.
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { openDataDir } from '../../src/main/db/data-dir.ts';
import { saveClient } from '../../src/main/db/repositories/clients.ts';
import {
  AuthorizationRefusedError,
  IntuitOAuth,
  ReconnectNeededError,
} from '../../src/main/oauth/intuit.ts';
import { openRedirectListener } from '../../src/main/oauth/loopback.ts';
import { TokenManager } from '../../src/main/oauth/token-manager.ts';
import { openTokenVault } from '../../src/main/oauth/token-vault.ts';
import type { Tokens } from '../../src/main/oauth/tokens.ts';
import { resolveEndpoints } from '../../src/main/qbo/endpoints.ts';
import { startTokenServer } from '../sync/support/token-server.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function dataDirWithClient() {
  const dir = mkdtempSync(join(tmpdir(), 'rowcol-oauth-'));
  const db = openDataDir(dir);
  cleanups.push(() => void db.close());
  const businessId = saveClient(db, {
    advisorId: 'local',
    realmId: '9130',
    environment: 'custom',
    displayName: 'Acme',
    now: new Date().toISOString(),
  });
  return { dir, db, businessId };
}

const tokens = (over: Partial<Tokens> = {}): Tokens => ({
  realmId: '9130',
  accessToken: 'at-0',
  refreshToken: 'rt-0',
  accessExpiresAt: Date.now() + 3_600_000,
  refreshExpiresAt: Date.now() + 86_400_000,
  ...over,
});

describe('token vault', () => {
  it('stores tokens encrypted, in a key file of mode 0600 when no keychain is used, and reads them back', async () => {
    const { dir, db, businessId } = dataDirWithClient();
    const { vault } = openTokenVault({
      db,
      advisorId: 'local',
      dataDir: dir,
      env: { ROWCOL_KEYCHAIN: 'off' },
    });
    await vault.save(businessId, tokens({ refreshToken: 'RT1-secret-refresh' }));
    const raw = (db.prepare('SELECT sealed FROM client_tokens').get() as { sealed: string }).sealed;
    expect(raw).not.toContain('RT1-secret-refresh');
    expect(raw).not.toContain('at-0');
    expect(statSync(join(dir, 'token.key')).mode & 0o777).toBe(0o600);
    expect((await vault.load(businessId))?.refreshToken).toBe('RT1-secret-refresh');
    await vault.remove(businessId);
    expect(await vault.load(businessId)).toBeUndefined();
  });

  it('refuses to open tokens with another key, with a message, not a crash', async () => {
    const { dir, db, businessId } = dataDirWithClient();
    await openTokenVault({
      db,
      advisorId: 'local',
      dataDir: dir,
      env: { ROWCOL_KEYCHAIN: 'off' },
    }).vault.save(businessId, tokens());
    const other = openTokenVault({
      db,
      advisorId: 'local',
      dataDir: dir,
      env: { ROWCOL_TOKEN_KEY: Buffer.alloc(32, 7).toString('base64') },
    }).vault;
    await expect(other.load(businessId)).rejects.toThrow(/cannot be decrypted/);
  });

  it('rejects a key from the environment that is not 32 bytes', () => {
    const { dir, db } = dataDirWithClient();
    expect(() =>
      openTokenVault({
        db,
        advisorId: 'local',
        dataDir: dir,
        env: { ROWCOL_TOKEN_KEY: 'c2hvcnQ=' },
      }),
    ).toThrow(/ROWCOL_TOKEN_KEY must hold 32 bytes/);
  });
});

describe('loopback redirect listener', () => {
  it('binds 127.0.0.1, accepts one redirect, then closes', async () => {
    const listener = await openRedirectListener({ timeoutMs: 5000, host: '127.0.0.1' });
    cleanups.push(() => listener.close());
    const { port } = new URL(listener.redirectUri);
    const other = await request(`http://127.0.0.1:${port}/favicon.ico`);
    expect(other.statusCode).toBe(404);
    await other.body.text();
    const res = await request(`http://127.0.0.1:${port}/callback?code=c1&state=s1&realmId=42`);
    expect(res.statusCode).toBe(200);
    await res.body.text();
    expect(new URL(await listener.received).searchParams.get('realmId')).toBe('42');
    await listener.close();
    await expect(request(`http://127.0.0.1:${port}/callback?code=c2`)).rejects.toThrow();
  });

  it('refuses a request without the expected state and keeps waiting for the real redirect', async () => {
    const listener = await openRedirectListener({ timeoutMs: 5000, host: '127.0.0.1' });
    cleanups.push(() => listener.close());
    listener.expectState('the-state');
    const { port } = new URL(listener.redirectUri);
    const probe = await request(
      `http://127.0.0.1:${port}/callback?code=forged&state=guess&realmId=1`,
    );
    expect(probe.statusCode).toBe(400);
    await probe.body.text();
    const real = await request(
      `http://127.0.0.1:${port}/callback?code=c1&state=the-state&realmId=42`,
    );
    expect(real.statusCode).toBe(200);
    await real.body.text();
    expect(new URL(await listener.received).searchParams.get('code')).toBe('c1');
  });

  it('says which port is taken when it cannot listen', async () => {
    const first = await openRedirectListener({ timeoutMs: 5000 });
    cleanups.push(() => first.close());
    const port = Number(new URL(first.redirectUri).port);
    await expect(openRedirectListener({ port, timeoutMs: 5000 })).rejects.toThrow(
      new RegExp(`redirect port ${port} is in use`),
    );
  });

  it('gives up after its timeout', async () => {
    const listener = await openRedirectListener({ timeoutMs: 50 });
    await expect(listener.received).rejects.toThrow(/No answer/);
  });
});

describe('authorization and refresh with intuit-oauth', () => {
  it('puts a random state in the authorize URL and refuses a redirect with another state', async () => {
    const oauth = new IntuitOAuth(
      resolveEndpoints(
        { authorizeUrl: 'http://127.0.0.1:1/authorize', clientId: 'id', clientSecret: 's' },
        {},
      ),
      'http://localhost:1/callback',
    );
    const a = oauth.authorize();
    const b = oauth.authorize();
    expect(a.state).not.toBe(b.state);
    expect(new URL(a.url).searchParams.get('state')).toBe(a.state);
    expect(new URL(a.url).searchParams.get('scope')).toBe('com.intuit.quickbooks.accounting');
    await expect(
      oauth.exchange('http://localhost:1/callback?code=x&realmId=1&state=forged', a.state),
    ).rejects.toBeInstanceOf(AuthorizationRefusedError);
    await expect(
      oauth.exchange(`http://localhost:1/callback?error=access_denied&state=${a.state}`, a.state),
    ).rejects.toThrow(/did not grant access/);
  });

  it('refreshes once for ten concurrent 401s and saves the rotated refresh token', async () => {
    const server = await startTokenServer();
    cleanups.push(() => server.close());
    const { dir, db, businessId } = dataDirWithClient();
    const vault = openTokenVault({
      db,
      advisorId: 'local',
      dataDir: dir,
      env: { ROWCOL_KEYCHAIN: 'off' },
    }).vault;
    await vault.save(businessId, tokens());
    const oauth = new IntuitOAuth(
      resolveEndpoints({ tokenUrl: server.url, clientId: 'id', clientSecret: 's' }, {}),
      'http://localhost:1/callback',
    );
    const manager = new TokenManager(vault, oauth);
    const source = manager.source(businessId);
    const rejected = await source.accessToken();
    const fresh = await Promise.all(
      Array.from({ length: 10 }, () => source.refreshAfterRejection(rejected)),
    );
    expect(server.refreshes).toBe(1);
    expect(new Set(fresh)).toEqual(new Set(['at-1']));
    expect((await vault.load(businessId))?.refreshToken).toBe('rt-1');
  });

  it('turns invalid_grant into "reconnect needed", once, without retrying', async () => {
    const server = await startTokenServer();
    cleanups.push(() => server.close());
    server.revoked = true;
    const { dir, db, businessId } = dataDirWithClient();
    const vault = openTokenVault({
      db,
      advisorId: 'local',
      dataDir: dir,
      env: { ROWCOL_KEYCHAIN: 'off' },
    }).vault;
    await vault.save(businessId, tokens({ accessExpiresAt: Date.now() - 1 }));
    const oauth = new IntuitOAuth(
      resolveEndpoints({ tokenUrl: server.url, clientId: 'id', clientSecret: 's' }, {}),
      'http://localhost:1/callback',
    );
    const seen: string[] = [];
    const manager = new TokenManager(vault, oauth, { onReconnectNeeded: (id) => seen.push(id) });
    await expect(manager.accessToken(businessId)).rejects.toBeInstanceOf(ReconnectNeededError);
    expect(server.refreshes).toBe(1);
    expect(seen).toEqual([businessId]);
  });
});
