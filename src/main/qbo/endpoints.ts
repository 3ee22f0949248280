// Where QBO and Intuit's OAuth server are, and the app keys: from options, else the environment
// (ROWCOL_QBO_*), else Intuit's real endpoints (docs/qbo-api.md §1.1, §2). The same binary talks to QBO,
// to its sandbox or to any compatible server (the emulator).
import type { QboEnvironment } from '../../core/clients.ts';

export type QboEndpoints = {
  apiBaseUrl: string;
  authorizeUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  clientId: string;
  clientSecret: string;
};

/** Just the endpoints and app keys of something that has them (an emulator handle, say). */
export const endpointsOf = (e: QboEndpoints): QboEndpoints => ({
  apiBaseUrl: e.apiBaseUrl,
  authorizeUrl: e.authorizeUrl,
  tokenUrl: e.tokenUrl,
  revokeUrl: e.revokeUrl,
  clientId: e.clientId,
  clientSecret: e.clientSecret,
});

export const intuitEndpoints = {
  production: 'https://quickbooks.api.intuit.com',
  sandbox: 'https://sandbox-quickbooks.api.intuit.com',
  authorizeUrl: 'https://appcenter.intuit.com/connect/oauth2',
  tokenUrl: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer',
  revokeUrl: 'https://developer.api.intuit.com/v2/oauth2/tokens/revoke',
} as const;

export function resolveEndpoints(
  options: Partial<QboEndpoints> & { sandbox?: boolean },
  env: NodeJS.ProcessEnv = process.env,
): QboEndpoints {
  const pick = (given: string | undefined, name: string, fallback: string) =>
    given ?? (env[name]?.trim() || fallback);
  return {
    apiBaseUrl: pick(
      options.apiBaseUrl,
      'ROWCOL_QBO_API_BASE_URL',
      options.sandbox ? intuitEndpoints.sandbox : intuitEndpoints.production,
    ).replace(/\/+$/, ''),
    authorizeUrl: pick(
      options.authorizeUrl,
      'ROWCOL_QBO_AUTHORIZE_URL',
      intuitEndpoints.authorizeUrl,
    ),
    tokenUrl: pick(options.tokenUrl, 'ROWCOL_QBO_TOKEN_URL', intuitEndpoints.tokenUrl),
    revokeUrl: pick(options.revokeUrl, 'ROWCOL_QBO_REVOKE_URL', intuitEndpoints.revokeUrl),
    clientId: pick(options.clientId, 'ROWCOL_QBO_CLIENT_ID', ''),
    clientSecret: pick(options.clientSecret, 'ROWCOL_QBO_CLIENT_SECRET', ''),
  };
}

export function environmentOf(apiBaseUrl: string): QboEnvironment {
  const url = apiBaseUrl.replace(/\/+$/, '');
  if (url === intuitEndpoints.production) return 'production';
  if (url === intuitEndpoints.sandbox) return 'sandbox';
  return 'custom';
}

/**
 * The OAuth endpoints a client's tokens may be sent to: those it was connected through (kept on its row),
 * else Intuit's fixed ones for a production or sandbox client; null for another server whose endpoints
 * were not kept (its refresh token goes nowhere: reconnect).
 */
export function oauthEndpointsOf(client: {
  environment: QboEnvironment;
  tokenUrl: string | null;
  revokeUrl: string | null;
}): { tokenUrl: string; revokeUrl: string } | null {
  const intuit = client.environment !== 'custom';
  const tokenUrl = client.tokenUrl ?? (intuit ? intuitEndpoints.tokenUrl : null);
  const revokeUrl = client.revokeUrl ?? (intuit ? intuitEndpoints.revokeUrl : null);
  return tokenUrl && revokeUrl ? { tokenUrl, revokeUrl } : null;
}
