// Connecting a client: authorize URL with a random state → one-time loopback listener → code exchange
// (realmId from the redirect) → the company's name from CompanyInfo → client row + sealed tokens.
import type { Db } from '../db/open.ts';
import { saveClient, type ClientConnection } from '../db/repositories/clients.ts';
import { QboClient } from '../qbo/client.ts';
import { environmentOf, oauthEndpointsOf, type QboEndpoints } from '../qbo/endpoints.ts';
import { IntuitOAuth } from './intuit.ts';
import { openRedirectListener, type ListenerOptions } from './loopback.ts';
import type { TokenVault, Tokens } from './tokens.ts';

export type PendingConnection = {
  authorizeUrl: string;
  /** Resolves with the tokens once the browser comes back (state checked), or rejects on timeout. */
  tokens: Promise<Tokens>;
  cancel(): Promise<void>;
};

export async function beginConnection(
  endpoints: QboEndpoints,
  listener: ListenerOptions = {},
): Promise<PendingConnection> {
  const redirect = await openRedirectListener(listener);
  const oauth = new IntuitOAuth(endpoints, redirect.redirectUri);
  const { url, state } = oauth.authorize();
  redirect.expectState(state);
  const tokens = redirect.received.then((redirectUrl) => oauth.exchange(redirectUrl, state));
  tokens.catch(() => undefined);
  return { authorizeUrl: url, tokens, cancel: () => redirect.close() };
}

export type ConnectedClient = { businessId: string; realmId: string; displayName: string };

/** Names the company from CompanyInfo, saves the client and its tokens (sealed). */
export async function saveConnection(
  db: Db,
  advisorId: string,
  vault: TokenVault,
  endpoints: QboEndpoints,
  tokens: Tokens,
  now = new Date(),
): Promise<ConnectedClient> {
  const qbo = new QboClient({
    apiBaseUrl: endpoints.apiBaseUrl,
    retry: { maxAttempts: 3, maxTotalMs: 20_000, baseDelayMs: 300, maxDelayMs: 5_000 },
  });
  let displayName = `QuickBooks company ${tokens.realmId}`;
  try {
    const info = await qbo.companyInfo({
      realmId: tokens.realmId,
      tokens: {
        accessToken: async () => tokens.accessToken,
        refreshAfterRejection: async () => tokens.accessToken,
      },
    });
    const name = (info.records[0] as { CompanyName?: unknown } | undefined)?.CompanyName;
    if (typeof name === 'string' && name.trim()) displayName = name.trim();
  } catch {
    // The code is spent and the tokens are good: keep them under the fallback name rather than lose them.
  } finally {
    await qbo.close();
  }
  const businessId = saveClient(db, {
    advisorId,
    realmId: tokens.realmId,
    environment: environmentOf(endpoints.apiBaseUrl),
    apiBaseUrl: environmentOf(endpoints.apiBaseUrl) === 'custom' ? endpoints.apiBaseUrl : null,
    tokenUrl: endpoints.tokenUrl,
    revokeUrl: endpoints.revokeUrl,
    displayName,
    now: now.toISOString(),
  });
  await vault.save(businessId, tokens);
  return { businessId, realmId: tokens.realmId, displayName };
}

/**
 * Revokes the refresh token at the revoke endpoint the client was connected through (best effort: it may
 * already be revoked; never another server's) and deletes it here. `endpoints` gives only the app keys.
 */
export async function revokeConnection(
  vault: TokenVault,
  endpoints: QboEndpoints,
  client: ClientConnection,
): Promise<{ revoked: boolean; error: string | null }> {
  const businessId = client.businessId;
  const tokens = await vault.load(businessId).catch(() => undefined);
  const oauthUrls = oauthEndpointsOf(client);
  let revoked = false;
  let error: string | null = null;
  if (tokens && !oauthUrls) error = 'the server it was connected through is not known';
  else if (tokens && oauthUrls) {
    try {
      await new IntuitOAuth({ ...endpoints, ...oauthUrls }, 'http://localhost/callback').revoke(
        tokens.refreshToken,
      );
      revoked = true;
    } catch (e) {
      error = (e as Error).message;
    }
  }
  await vault.remove(businessId);
  return { revoked, error };
}
