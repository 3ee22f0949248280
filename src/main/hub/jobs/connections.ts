// The hub's QBO side: one QboClient per API base URL (its requests pass the realm budget shared through
// the database) and one token manager over the hub vault, so an access token refreshed by one worker is
// the one every worker of this process uses, and a refresh happens once across the fleet (FleetOAuth).
import { TokenManager } from '../../oauth/token-manager.ts';
import type { TokenVault } from '../../oauth/tokens.ts';
import { QboClient, type Connection } from '../../qbo/client.ts';
import type { QboEndpoints } from '../../qbo/endpoints.ts';
import type { RetryPolicy } from '../../qbo/retry.ts';
import type { Admit } from '../budget/realm-budget.ts';
import type { HubDb } from '../db/hub-db.ts';
import { FleetOAuth } from '../vault/fleet-oauth.ts';

export type HubConnectionsOptions = {
  db: HubDb;
  endpoints: QboEndpoints;
  vault: TokenVault;
  admit: Admit;
  retry?: RetryPolicy;
  onReconnectNeeded?: (companyId: string, message: string) => void;
};

export class HubConnections {
  private readonly clients = new Map<string, QboClient>();
  readonly tokens: TokenManager;

  constructor(private readonly o: HubConnectionsOptions) {
    this.tokens = new TokenManager(o.vault, new FleetOAuth(o.endpoints, o.db, o.vault), {
      onReconnectNeeded: (id, e) => o.onReconnectNeeded?.(id, e.message),
    });
  }

  qbo(apiBaseUrl: string): QboClient {
    let c = this.clients.get(apiBaseUrl);
    if (!c) {
      c = new QboClient({ apiBaseUrl, admit: this.o.admit, retry: this.o.retry });
      this.clients.set(apiBaseUrl, c);
    }
    return c;
  }

  connection(companyId: string, realmId: string, signal?: AbortSignal): Connection {
    return {
      realmId,
      signal,
      tokens: {
        accessToken: () => this.tokens.accessToken(companyId),
        refreshAfterRejection: async (rejected) =>
          (await this.tokens.refresh(companyId, rejected)).accessToken,
      },
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => c.close()));
    this.clients.clear();
  }
}
