// Token refreshes across a fleet: Intuit rotates a company's refresh token, and two hub processes
// refreshing one company at the same moment would each spend the same refresh token. The token manager
// (oauth/token-manager.ts) refreshes once per company within a process; this IntuitOAuth refreshes once
// across processes: under the company's lock in PostgreSQL it reads the vault again, takes a pair another
// process saved meanwhile, or refreshes and saves before the lock goes.
import { IntuitOAuth } from '../../oauth/intuit.ts';
import { refreshMarginMs } from '../../oauth/token-manager.ts';
import type { TokenVault, Tokens } from '../../oauth/tokens.ts';
import type { QboEndpoints } from '../../qbo/endpoints.ts';
import type { HubDb } from '../db/hub-db.ts';
import { whileRefreshingTokens } from '../db/repositories/companies.ts';
import { companyIdOf } from '../connect.ts';

export class FleetOAuth extends IntuitOAuth {
  constructor(
    endpoints: QboEndpoints,
    private readonly db: HubDb,
    private readonly vault: TokenVault,
    private readonly clock: () => number = Date.now,
  ) {
    super(endpoints, 'http://localhost/callback', clock);
  }

  override async refresh(old: Tokens): Promise<Tokens> {
    const companyId = companyIdOf(old.realmId);
    return whileRefreshingTokens(this.db, companyId, async () => {
      const saved = await this.vault.load(companyId);
      if (
        saved &&
        saved.refreshToken !== old.refreshToken &&
        saved.accessExpiresAt - refreshMarginMs > this.clock()
      )
        return saved;
      const fresh = await super.refresh(old);
      await this.vault.save(companyId, fresh);
      return fresh;
    });
  }
}
