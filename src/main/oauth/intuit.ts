// OAuth 2.0 with Intuit through the official intuit-oauth client (docs/qbo-api.md §1). Its endpoints are
// static, process-wide properties (docs/qbo-api.md §1.10), so each call sets them right before the request is built
// (synchronously), which lets one process talk to several servers (tests, the demo emulator).
import OAuthClient from 'intuit-oauth';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import {
  AuthenticationError,
  NetworkError,
  QboError,
  ServerError,
  TimeoutError,
} from '../qbo/errors.ts';
import type { QboEndpoints } from '../qbo/endpoints.ts';
import type { Tokens } from './tokens.ts';

export const accountingScope = 'com.intuit.quickbooks.accounting';

/** `invalid_grant`: the refresh token is expired or revoked; only the advisor can reconnect. */
export class ReconnectNeededError extends AuthenticationError {}
/** The redirect did not come from the authorization we started (state mismatch) or was refused. */
export class AuthorizationRefusedError extends QboError {}

type IntuitError = Error & {
  error?: string;
  error_description?: string;
  intuit_tid?: string;
  authResponse?: { response?: { status?: number } } | '';
};

export type AuthorizeRequest = { url: string; state: string };

export class IntuitOAuth {
  constructor(
    private readonly endpoints: QboEndpoints,
    readonly redirectUri: string,
    private readonly now: () => number = Date.now,
    /** intuit-oauth sets no timeout of its own: a token endpoint that never answers must not hang a sync. */
    private readonly timeoutMs = 30_000,
  ) {}

  private async bounded<T>(what: string, call: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new TimeoutError(
              `The QuickBooks token endpoint did not answer the ${what} within ${Math.round(this.timeoutMs / 1000)} s.`,
            ),
          ),
        this.timeoutMs,
      );
    });
    try {
      return await Promise.race([call, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private client(): OAuthClient {
    // A connection whose OAuth server is not known is never sent to a guessed one (sync/engine.ts server()).
    if (!this.endpoints.tokenUrl || !this.endpoints.revokeUrl)
      throw new ReconnectNeededError(
        'The QuickBooks sign-in server this client was connected through is not known; reconnect the client.',
      );
    const client = new OAuthClient({
      clientId: this.endpoints.clientId,
      clientSecret: this.endpoints.clientSecret,
      environment: 'production',
      redirectUri: this.redirectUri,
    });
    client.setAuthorizeURLs({
      authorizeEndpoint: this.endpoints.authorizeUrl,
      tokenEndpoint: this.endpoints.tokenUrl,
      revokeEndpoint: this.endpoints.revokeUrl,
      userInfoEndpoint: OAuthClient.userinfo_endpoint_production,
    });
    return client;
  }

  /** The consent URL with a fresh random `state` (checked on return). */
  authorize(): AuthorizeRequest {
    const state = randomBytes(24).toString('base64url');
    return { url: this.client().authorizeUri({ scope: [accountingScope], state }), state };
  }

  /** Checks `state`, reads `realmId` from the redirect and exchanges the code for tokens. */
  async exchange(redirectUrl: string, expectedState: string): Promise<Tokens> {
    const url = new URL(redirectUrl, 'http://127.0.0.1');
    const state = url.searchParams.get('state') ?? '';
    const a = Buffer.from(state);
    const b = Buffer.from(expectedState);
    if (a.length !== b.length || !timingSafeEqual(a, b)) {
      throw new AuthorizationRefusedError(
        'The QuickBooks redirect does not match the authorization RowCol started (state mismatch); it was refused.',
      );
    }
    const denied = url.searchParams.get('error');
    if (denied) throw new AuthorizationRefusedError(`QuickBooks did not grant access: ${denied}.`);
    const realmId = url.searchParams.get('realmId');
    const code = url.searchParams.get('code');
    if (!realmId || !code)
      throw new AuthorizationRefusedError(
        'The QuickBooks redirect lacks the code or the company id (realmId).',
      );
    const client = this.client();
    try {
      const response = await this.bounded('code exchange', client.createToken(url.toString()));
      return this.toTokens(response.getJson(), realmId);
    } catch (error) {
      throw mapOAuthError(error as IntuitError);
    }
  }

  /** Uses the refresh token given (never intuit-oauth's own copy) and returns the new pair. */
  async refresh(tokens: Tokens): Promise<Tokens> {
    const client = this.client();
    try {
      const response = await this.bounded('refresh', client.refreshUsingToken(tokens.refreshToken));
      return this.toTokens(response.getJson(), tokens.realmId);
    } catch (error) {
      throw mapOAuthError(error as IntuitError);
    }
  }

  async revoke(token: string): Promise<void> {
    const client = this.client();
    try {
      await this.bounded('revoke', client.revoke({ refresh_token: token }));
    } catch (error) {
      throw mapOAuthError(error as IntuitError);
    }
  }

  private toTokens(json: Record<string, unknown>, realmId: string): Tokens {
    const access = json.access_token;
    const refresh = json.refresh_token;
    if (typeof access !== 'string' || typeof refresh !== 'string')
      throw new ServerError('The token endpoint answered without tokens.');
    const t = this.now();
    // Read the lifetimes, never assume them (docs/qbo-api.md §1.6).
    const seconds = (v: unknown, fallback: number) =>
      typeof v === 'number' && v > 0 ? v : Number(v) > 0 ? Number(v) : fallback;
    return {
      realmId,
      accessToken: access,
      refreshToken: refresh,
      accessExpiresAt: t + seconds(json.expires_in, 3600) * 1000,
      refreshExpiresAt: t + seconds(json.x_refresh_token_expires_in, 8_726_400) * 1000,
    };
  }
}

function mapOAuthError(e: IntuitError): QboError {
  if (e instanceof QboError) return e;
  const status = typeof e.authResponse === 'object' ? e.authResponse.response?.status : undefined;
  const tid = e.intuit_tid || null;
  if (e.error === 'invalid_grant')
    return new ReconnectNeededError(
      `QuickBooks refused the saved connection (invalid_grant${e.error_description ? `: ${e.error_description}` : ''}); reconnect the client.`,
      { status: status ?? 400, intuitTid: tid },
    );
  if (e.error)
    return new AuthenticationError(
      `The QuickBooks token endpoint refused the request: ${e.error}${e.error_description ? ` (${e.error_description})` : ''}.`,
      { status: status ?? null, intuitTid: tid },
    );
  // Never keep the axios error as `cause`: its request holds the Basic app secret and the refresh token.
  if (status && status >= 500)
    return new ServerError(`The QuickBooks token endpoint failed (HTTP ${status}).`, {
      status,
      intuitTid: tid,
    });
  if (status)
    return new AuthenticationError(
      `The QuickBooks token endpoint refused the request (HTTP ${status}).`,
      { status, intuitTid: tid },
    );
  const code = (e as { code?: string }).code ?? (e as { cause?: { code?: string } }).cause?.code;
  return new NetworkError(`Cannot reach the QuickBooks token endpoint${code ? ` (${code})` : ''}.`);
}
