// Intuit's OAuth 2.0 server, as qbo-api.md §1 describes it: authorize page and redirect, token endpoint
// (authorization_code and refresh_token grants, HTTP Basic client credentials), single-use codes,
// rotating refresh tokens with the previous one still accepted for a grace period, invalid_grant for
// anything bad or revoked, and revoke. Lifetimes come from the options so tests can expire tokens fast.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from './clock.ts';
import type { Answer } from './errors.ts';

export type OAuthConfig = {
  clientId: string;
  clientSecret: string;
  accessTtl: number;
  refreshTtl: number;
  graceSeconds: number;
  realms: () => { realmId: string; name: string }[];
};

type Grant = { realmId: string; revoked: boolean };
type AccessToken = { grant: Grant; expiresAt: number };
type RefreshToken = { grant: Grant; expiresAt: number; supersededAt?: number };

const JWE_HEADER = 'eyJlbmMiOiJBMTI4Q0JDLUhTMjU2IiwiYWxnIjoiZGlyIn0..';
const tokenHeaders = {
  'content-type': 'application/json;charset=UTF-8',
  'cache-control': 'no-cache, no-store',
  pragma: 'no-cache',
};

const oauthError = (status: number, error: string, description: string): Answer => ({
  status,
  body: JSON.stringify({ error_description: description, error }),
  headers: tokenHeaders,
});

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export class OAuthServer {
  private readonly codes = new Map<
    string,
    { realmId: string; redirectUri: string; expiresAt: number; used: boolean; grant?: Grant }
  >();
  private readonly access = new Map<string, AccessToken>();
  private readonly refresh = new Map<string, RefreshToken>();
  private readonly grants: Grant[] = [];
  tokensIssued = 0;
  refreshes = 0;

  constructor(
    private readonly config: OAuthConfig,
    private readonly clock: Clock,
  ) {}

  /** GET authorize: the consent page, or (auto_approve=REALM) a redirect at once. */
  authorize(params: URLSearchParams, approvePath: string): Answer {
    const clientId = params.get('client_id');
    const redirectUri = params.get('redirect_uri');
    if (clientId !== this.config.clientId)
      return {
        status: 400,
        body: page('Invalid client', '<p>The client_id is not one this server knows.</p>'),
        headers: { 'content-type': 'text/html; charset=utf-8' },
      };
    if (!redirectUri || !/^https?:\/\//.test(redirectUri))
      return {
        status: 400,
        body: page('Invalid redirect_uri', '<p>redirect_uri is missing or not an http(s) URL.</p>'),
        headers: { 'content-type': 'text/html; charset=utf-8' },
      };
    if (params.get('response_type') !== 'code')
      return this.redirect(redirectUri, {
        error: 'unsupported_response_type',
        state: params.get('state') ?? '',
      });
    if (!params.get('scope'))
      return this.redirect(redirectUri, {
        error: 'invalid_scope',
        state: params.get('state') ?? '',
      });
    const auto = params.get('auto_approve');
    if (auto) return this.approve(auto, redirectUri, params.get('state') ?? '');
    const hidden = ['redirect_uri', 'state']
      .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(params.get(k) ?? '')}">`)
      .join('');
    const rows = this.config
      .realms()
      .map(
        (r) =>
          `<li><form method="GET" action="${approvePath}">${hidden}<input type="hidden" name="realmId" value="${escapeHtml(r.realmId)}"><button type="submit">Connect ${escapeHtml(r.name)}</button> <small>(${escapeHtml(r.realmId)})</small></form></li>`,
      )
      .join('\n');
    const deny = `<form method="GET" action="${approvePath}">${hidden}<input type="hidden" name="deny" value="1"><button type="submit">Cancel</button></form>`;
    return {
      status: 200,
      body: page(
        'Connect to QuickBooks (emulator)',
        `<p>Choose the company to connect:</p><ul>${rows}</ul>${deny}`,
      ),
      headers: { 'content-type': 'text/html; charset=utf-8' },
    };
  }

  /** The Connect / Cancel buttons of the consent page. */
  decide(params: URLSearchParams): Answer {
    const redirectUri = params.get('redirect_uri') ?? '';
    if (!/^https?:\/\//.test(redirectUri))
      return {
        status: 400,
        body: page('Invalid redirect_uri', ''),
        headers: { 'content-type': 'text/html; charset=utf-8' },
      };
    if (params.get('deny'))
      return this.redirect(redirectUri, {
        error: 'access_denied',
        state: params.get('state') ?? '',
      });
    return this.approve(params.get('realmId') ?? '', redirectUri, params.get('state') ?? '');
  }

  private approve(realmId: string, redirectUri: string, state: string): Answer {
    if (!this.config.realms().some((r) => r.realmId === realmId))
      return {
        status: 400,
        body: page('Unknown company', `<p>No company ${escapeHtml(realmId)}.</p>`),
        headers: { 'content-type': 'text/html; charset=utf-8' },
      };
    const code = `AB11${Math.floor(this.clock.now() / 1000)}${randomBytes(18).toString('base64url')}`;
    this.codes.set(code, {
      realmId,
      redirectUri,
      expiresAt: this.clock.now() + 10 * 60_000,
      used: false,
    });
    return this.redirect(redirectUri, { code, state, realmId });
  }

  private redirect(uri: string, query: Record<string, string>): Answer {
    const url = new URL(uri);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    return { status: 302, body: '', headers: { location: url.toString() } };
  }

  private clientOk(authorization: string | undefined, form: URLSearchParams): boolean {
    let id = form.get('client_id') ?? '';
    let secret = form.get('client_secret') ?? '';
    if (authorization?.startsWith('Basic ')) {
      const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      id = decoded.slice(0, i);
      secret = decoded.slice(i + 1);
    }
    const same = (a: string, b: string) =>
      a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
    return same(id, this.config.clientId) && same(secret, this.config.clientSecret);
  }

  /** POST token endpoint (form body). */
  token(authorization: string | undefined, body: string): Answer {
    const form = new URLSearchParams(body);
    if (!this.clientOk(authorization, form))
      return oauthError(401, 'invalid_client', 'Client authentication failed');
    const now = this.clock.now();
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') {
      const code = form.get('code');
      if (!code) return oauthError(400, 'invalid_request', 'code is missing');
      const entry = this.codes.get(code);
      if (!entry || entry.expiresAt <= now || entry.redirectUri !== form.get('redirect_uri'))
        return oauthError(400, 'invalid_grant', 'Token invalid');
      if (entry.used) {
        // A code used twice: refuse, and revoke what the first use issued (RFC 6749 §4.1.2).
        if (entry.grant) entry.grant.revoked = true;
        return oauthError(400, 'invalid_grant', 'Token invalid');
      }
      entry.used = true;
      const grant: Grant = { realmId: entry.realmId, revoked: false };
      entry.grant = grant;
      this.grants.push(grant);
      return this.issue(grant, now);
    }
    if (grantType === 'refresh_token') {
      const rt = form.get('refresh_token');
      if (!rt) return oauthError(400, 'invalid_request', 'refresh_token is missing');
      const entry = this.refresh.get(rt);
      const graceOver =
        entry?.supersededAt !== undefined &&
        entry.supersededAt + this.config.graceSeconds * 1000 <= now;
      if (!entry || entry.grant.revoked || entry.expiresAt <= now || graceOver)
        return oauthError(400, 'invalid_grant', 'Token invalid');
      entry.supersededAt ??= now;
      this.refreshes += 1;
      return this.issue(entry.grant, now);
    }
    return oauthError(
      400,
      'unsupported_grant_type',
      `grant_type ${grantType ?? '(missing)'} is not supported`,
    );
  }

  private issue(grant: Grant, now: number): Answer {
    const access = JWE_HEADER + randomBytes(48).toString('base64url');
    const refresh = `RT1-${Math.floor(now / 1000) % 100}-H0-${Math.floor(now / 1000) + this.config.refreshTtl}${randomBytes(12).toString('hex')}`;
    this.access.set(access, { grant, expiresAt: now + this.config.accessTtl * 1000 });
    this.refresh.set(refresh, { grant, expiresAt: now + this.config.refreshTtl * 1000 });
    this.tokensIssued += 1;
    // Field order as in oauth_token_response_body.json (no id_token: the emulator does no OpenID).
    const body = JSON.stringify({
      expires_in: this.config.accessTtl,
      token_type: 'bearer',
      x_refresh_token_expires_in: this.config.refreshTtl,
      refresh_token: refresh,
      access_token: access,
    });
    return { status: 200, body, headers: tokenHeaders };
  }

  /** POST revoke: JSON {"token": access or refresh}; the whole connection goes (qbo-api.md §1.9). */
  revoke(authorization: string | undefined, body: string): Answer {
    if (!this.clientOk(authorization, new URLSearchParams()))
      return oauthError(401, 'invalid_client', 'Client authentication failed');
    let token: unknown;
    try {
      token = (JSON.parse(body) as { token?: unknown }).token;
    } catch {
      token = new URLSearchParams(body).get('token');
    }
    if (typeof token !== 'string' || !token)
      return oauthError(400, 'invalid_request', 'token is missing');
    const grant = this.access.get(token)?.grant ?? this.refresh.get(token)?.grant;
    if (grant) grant.revoked = true;
    return { status: 200, body: '', headers: {} };
  }

  revokeAll(realmId?: string): number {
    let n = 0;
    for (const g of this.grants)
      if (!g.revoked && (!realmId || g.realmId === realmId)) {
        g.revoked = true;
        n++;
      }
    return n;
  }

  /** Check a Bearer token for an API call: the realm it was granted for, or the 401 detail. */
  check(authorization: string | undefined): { realmId: string } | { detail: string | null } {
    if (!authorization?.startsWith('Bearer ')) return { detail: null };
    const token = authorization.slice(7).trim();
    const entry = this.access.get(token);
    if (!entry)
      return {
        detail:
          token.length < 20 || token.length > 4000
            ? 'Malformed bearer token: too short or too long'
            : null,
      };
    if (entry.grant.revoked) return { detail: `Token revoked: ${token.slice(0, 12)}` };
    if (entry.expiresAt <= this.clock.now())
      return { detail: `Token expired: ${token.slice(0, 12)}` };
    return { realmId: entry.grant.realmId };
  }
}

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}
