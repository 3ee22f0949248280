// Keeps each company's access token valid: refreshed shortly before it expires, and after a 401.
// A refresh is single-flight per company (ten requests meeting a 401 at once cause one refresh), and a
// rotated refresh token is saved to the vault before anything uses it, so a crash right after a refresh
// cannot lose the only valid refresh token (Intuit: "always use the refresh token returned in the most
// recent response", docs/qbo-api.md §1.7). `invalid_grant` marks the client "reconnect needed" once and
// never loops.
import type { AccessTokenSource } from '../qbo/client.ts';
import { ReconnectNeededError, type IntuitOAuth } from './intuit.ts';
import type { TokenVault, Tokens } from './tokens.ts';

/** Refresh this long before the access token expires (intuit-oauth uses 60 s). */
export const refreshMarginMs = 120_000;

export type TokenManagerHooks = {
  /** Called once when QBO answers invalid_grant: mark the client and raise the hygiene item. */
  onReconnectNeeded?: (businessId: string, error: ReconnectNeededError) => void;
};

export class TokenManager {
  private readonly inFlight = new Map<string, Promise<Tokens>>();
  private readonly current = new Map<string, Tokens>();
  refreshCount = 0;

  constructor(
    private readonly vault: TokenVault,
    private readonly oauth: IntuitOAuth,
    private readonly hooks: TokenManagerHooks = {},
    private readonly now: () => number = Date.now,
  ) {}

  private async tokens(businessId: string): Promise<Tokens> {
    const known = this.current.get(businessId);
    if (known) return known;
    const saved = await this.vault.load(businessId);
    if (!saved)
      throw new ReconnectNeededError(
        `No QuickBooks connection is saved for ${businessId}; connect it with \`rowcol connect\`.`,
      );
    this.current.set(businessId, saved);
    return saved;
  }

  /** Saves freshly issued tokens (after connect). */
  async store(businessId: string, tokens: Tokens): Promise<void> {
    await this.vault.save(businessId, tokens);
    this.current.set(businessId, tokens);
  }

  forget(businessId: string): void {
    this.current.delete(businessId);
  }

  async accessToken(businessId: string): Promise<string> {
    const t = await this.tokens(businessId);
    if (t.accessExpiresAt - refreshMarginMs > this.now()) return t.accessToken;
    return (await this.refresh(businessId, t.accessToken)).accessToken;
  }

  /**
   * Refreshes unless someone already replaced the token that was refused. Concurrent callers share one
   * refresh request.
   */
  refresh(businessId: string, rejectedAccessToken: string): Promise<Tokens> {
    const running = this.inFlight.get(businessId);
    if (running) return running;
    const known = this.current.get(businessId);
    if (
      known &&
      known.accessToken !== rejectedAccessToken &&
      known.accessExpiresAt - refreshMarginMs > this.now()
    )
      return Promise.resolve(known);
    const flight = (async () => {
      // Read the vault again: another process (the app beside the CLI) may have rotated the pair already.
      const saved = await this.vault.load(businessId);
      // Disconnected meanwhile (tokens deleted): refresh nothing, save nothing.
      if (!saved) {
        this.current.delete(businessId);
        throw new ReconnectNeededError(
          `No QuickBooks connection is saved for ${businessId} any more (disconnected).`,
        );
      }
      if (
        saved.accessToken !== rejectedAccessToken &&
        saved.accessExpiresAt - refreshMarginMs > this.now()
      ) {
        this.current.set(businessId, saved);
        return saved;
      }
      const old = saved;
      let fresh: Tokens;
      try {
        this.refreshCount++;
        fresh = await this.oauth.refresh(old);
      } catch (error) {
        if (error instanceof ReconnectNeededError)
          this.hooks.onReconnectNeeded?.(businessId, error);
        throw error;
      }
      // Disconnected while the refresh was in flight: do not bring the tokens back.
      if (!(await this.vault.load(businessId))) {
        this.current.delete(businessId);
        throw new ReconnectNeededError(
          `No QuickBooks connection is saved for ${businessId} any more (disconnected).`,
        );
      }
      // Persist before use: a crash after this line still has the rotated refresh token.
      await this.vault.save(businessId, fresh);
      this.current.set(businessId, fresh);
      return fresh;
    })();
    this.inFlight.set(businessId, flight);
    void flight.then(
      () => this.inFlight.delete(businessId),
      () => this.inFlight.delete(businessId),
    );
    return flight;
  }

  source(businessId: string): AccessTokenSource {
    return {
      accessToken: () => this.accessToken(businessId),
      refreshAfterRejection: async (rejected) =>
        (await this.refresh(businessId, rejected)).accessToken,
    };
  }
}
