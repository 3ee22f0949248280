// A real emulator on loopback (the QBO server), a hub database (PGlite or a throwaway PostgreSQL 15),
// companies connected to the hub through the real OAuth flow (the emulator's auto-approve consent →
// loopback listener → code exchange), tokens sealed with a real hub key.
import { randomBytes } from 'node:crypto';
import { request } from 'undici';
import type { MirroredEntity } from '../../../src/core/mirror/entities.ts';
import { beginConnection } from '../../../src/main/oauth/connect.ts';
import { QboClient } from '../../../src/main/qbo/client.ts';
import { endpointsOf, type QboEndpoints } from '../../../src/main/qbo/endpoints.ts';
import { saveHubConnection } from '../../../src/main/hub/connect.ts';
import type { HubDb } from '../../../src/main/hub/db/hub-db.ts';
import { realmBudget, type BudgetLimits } from '../../../src/main/hub/budget/realm-budget.ts';
import { HubConnections } from '../../../src/main/hub/jobs/connections.ts';
import { newOwner } from '../../../src/main/hub/jobs/owner.ts';
import { openHubVault, type HubSealer } from '../../../src/main/hub/vault/hub-vault.ts';
import {
  startEmulator,
  type EmulatorHandle,
  type EmulatorOptions,
} from '../../../emulator/index.ts';
import type { HubTestDriver } from '../../support/postgres.ts';

export const fastRetry = { maxAttempts: 3, maxTotalMs: 2_000, baseDelayMs: 5, maxDelayMs: 50 };

export type HubHarness = {
  emulator: EmulatorHandle;
  endpoints: QboEndpoints;
  db: HubDb;
  /** PostgreSQL only: the database URL (child hub processes open it). */
  url?: string;
  /** The hub key, base64 (ROWCOL_HUB_KEY for child processes). */
  key: string;
  sealer: HubSealer;
  companies: { companyId: string; realmId: string; name: string }[];
  connections(budget?: BudgetLimits): HubConnections;
  admin: <T = unknown>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
  ) => Promise<T>;
  /** Requests the emulator answered for a realm (served + refused with 429). */
  counters(
    realmId: string,
  ): Promise<{ total: number; throttled: number; byEndpoint: Record<string, number> }>;
  emulatorCount(realmId: string, entity: MirroredEntity): Promise<number>;
  close(): Promise<void>;
};

/** Consent without a person: auto_approve=REALM redirects straight to the listener. */
export async function connectThroughEmulator(
  endpoints: QboEndpoints,
  realmId: string,
): Promise<Awaited<ReturnType<typeof beginConnection>>['tokens']> {
  const pending = await beginConnection(endpoints, { host: '127.0.0.1', timeoutMs: 30_000 });
  try {
    const url = new URL(pending.authorizeUrl);
    url.searchParams.set('auto_approve', realmId);
    const consent = await request(url, { method: 'GET' });
    await consent.body.text();
    const back = await request(String(consent.headers.location), { method: 'GET' });
    await back.body.text();
    return await pending.tokens;
  } finally {
    await pending.cancel();
  }
}

export async function startHubHarness(
  driver: HubTestDriver,
  options: EmulatorOptions = {},
): Promise<HubHarness> {
  const emulator = await startEmulator({ seed: 7, companies: 3, size: 'small', ...options });
  const endpoints = endpointsOf(emulator);
  const { db, url } = await driver.migrated();
  const key = randomBytes(32).toString('base64');
  const sealer = await openHubVault(db, {
    key: Buffer.from(key, 'base64'),
    source: 'env',
    created: false,
  });
  const plain = new QboClient({ apiBaseUrl: emulator.apiBaseUrl, retry: fastRetry });
  const companies: HubHarness['companies'] = [];
  for (const c of emulator.companies)
    companies.push(
      await saveHubConnection(
        db,
        sealer,
        plain,
        await connectThroughEmulator(endpoints, c.realmId),
      ),
    );
  await plain.close();
  const made: HubConnections[] = [];
  const admin = async <T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) => {
    const res = await request(`${emulator.adminUrl}${path}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
    const text = await res.body.text();
    if (res.statusCode >= 300)
      throw new Error(`admin ${method} ${path}: ${res.statusCode} ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  };
  await admin('DELETE', '/counters');
  return {
    emulator,
    endpoints,
    db,
    url,
    key,
    sealer,
    companies,
    admin,
    connections(budget) {
      const c = new HubConnections({
        db,
        endpoints,
        vault: sealer.vault,
        admit: realmBudget(db, newOwner('test'), budget),
        retry: fastRetry,
      });
      made.push(c);
      return c;
    },
    async counters(realmId) {
      const c = await admin<{
        realms: Record<
          string,
          { total: number; throttled: number; requests: Record<string, number> }
        >;
      }>('GET', '/counters');
      const r = c.realms[realmId];
      return { total: r?.total ?? 0, throttled: r?.throttled ?? 0, byEndpoint: r?.requests ?? {} };
    },
    async emulatorCount(realmId, entity) {
      if (entity === 'CompanyInfo') return 1;
      const where = ['Account', 'Vendor', 'Customer'].includes(entity)
        ? ' WHERE Active IN (true, false)'
        : '';
      const company = companies.find((c) => c.realmId === realmId)!;
      const token = (await sealer.vault.load(company.companyId))!.accessToken;
      const u = `${emulator.apiBaseUrl}/v3/company/${realmId}/query?query=${encodeURIComponent(`SELECT COUNT(*) FROM ${entity}${where}`)}&minorversion=75`;
      for (let attempt = 0; ; attempt++) {
        const res = await request(u, {
          headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        });
        const text = await res.body.text();
        // A 429 here is this count's own (the sync under test is done): wait it out.
        if (res.statusCode === 429 && attempt < 40) {
          await new Promise((r) => setTimeout(r, 250));
          continue;
        }
        return (JSON.parse(text) as { QueryResponse: { totalCount: number } }).QueryResponse
          .totalCount;
      }
    },
    async close() {
      for (const c of made) await c.close();
      await emulator.close();
    },
  };
}
