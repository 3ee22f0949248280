// Adding a QBO company to the hub: the same OAuth flow as the desktop (oauth/connect.ts: authorize URL,
// one-time loopback listener, code exchange), then the company row and its tokens sealed with the hub key.
// The company's id is made from its realm, so two hub processes connecting one company agree on it.
import type { Tokens } from '../oauth/tokens.ts';
import type { QboClient } from '../qbo/client.ts';
import type { HubDb } from './db/hub-db.ts';
import { saveCompany } from './db/repositories/companies.ts';
import type { HubSealer } from './vault/hub-vault.ts';

export type HubCompanyConnected = { companyId: string; realmId: string; name: string };

export const companyIdOf = (realmId: string): string => `realm-${realmId}`;

export async function saveHubConnection(
  db: HubDb,
  sealer: HubSealer,
  qbo: QboClient,
  tokens: Tokens,
): Promise<HubCompanyConnected> {
  const companyId = companyIdOf(tokens.realmId);
  let name = `QuickBooks company ${tokens.realmId}`;
  try {
    const info = await qbo.companyInfo({
      realmId: tokens.realmId,
      tokens: {
        accessToken: async () => tokens.accessToken,
        refreshAfterRejection: async () => tokens.accessToken,
      },
    });
    const n = (info.records[0] as { CompanyName?: unknown } | undefined)?.CompanyName;
    if (typeof n === 'string' && n.trim()) name = n.trim();
  } catch {
    // The code is spent and the tokens are good: keep them under the fallback name rather than lose them.
  }
  await saveCompany(db, {
    id: companyId,
    realmId: tokens.realmId,
    name,
    apiBaseUrl: qbo.apiBaseUrl,
    tokensSealed: sealer.seal(companyId, tokens),
  });
  return { companyId, realmId: tokens.realmId, name };
}
