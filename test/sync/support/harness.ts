// A real emulator on loopback, a real data folder with a real SQLite file, clients connected through the
// real OAuth flow (auto-approve consent → loopback listener → intuit-oauth code exchange).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import type { MirroredEntity } from '../../../src/core/mirror/entities.ts';
import { openDataDir } from '../../../src/main/db/data-dir.ts';
import type { Db } from '../../../src/main/db/open.ts';
import {
  startEmulator,
  type EmulatorHandle,
  type EmulatorOptions,
} from '../../../emulator/index.ts';
import { openTokenVault } from '../../../src/main/oauth/token-vault.ts';
import type { TokenVault } from '../../../src/main/oauth/tokens.ts';
import { connectDemoCompany, type DemoBooks } from '../../../src/main/sync/demo.ts';
import { SyncEngine, type SyncEngineOptions } from '../../../src/main/sync/engine.ts';
import { endpointsOf } from '../../../src/main/qbo/endpoints.ts';
import {
  openRuntime,
  type Runtime,
  type RuntimeOptions,
} from '../../../src/main/runtime/runtime.ts';
import { emulatorEnv } from '../../support/rowcol-process.ts';

export type Harness = {
  emulator: EmulatorHandle;
  dir: string;
  db: Db;
  vault: TokenVault;
  clients: { businessId: string; realmId: string; displayName: string }[];
  engine: (over?: Partial<SyncEngineOptions>) => SyncEngine;
  /** The runtime every entry point uses, over this data folder and database, reaching the emulator. */
  runtime: (over?: Partial<RuntimeOptions>) => Runtime;
  admin: <T = unknown>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
  ) => Promise<T>;
  requests: (realmId?: string) => Promise<number>;
  close(): Promise<void>;
};

export const fastRetry = { maxAttempts: 3, maxTotalMs: 2_000, baseDelayMs: 5, maxDelayMs: 50 };

export async function startHarness(
  options: EmulatorOptions = {},
  env: NodeJS.ProcessEnv = {},
): Promise<Harness> {
  const emulator = await startEmulator({ seed: 7, companies: 1, size: 'small', ...options });
  const dir = mkdtempSync(join(tmpdir(), 'rowcol-sync-'));
  const db = openDataDir(dir);
  const vault = openTokenVault({
    db,
    advisorId: 'local',
    dataDir: dir,
    env: { ROWCOL_KEYCHAIN: 'off', ...env },
  }).vault;
  const endpoints = endpointsOf(emulator);
  const books = { emulator, endpoints } as unknown as DemoBooks;
  const clients = [];
  for (const c of emulator.companies)
    clients.push(await connectDemoCompany(db, 'local', vault, books, c.realmId));
  const engines: SyncEngine[] = [];
  const runtimes: Runtime[] = [];
  const admin = async <T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<T> => {
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
  return {
    emulator,
    dir,
    db,
    vault,
    clients,
    admin,
    engine: (over = {}) => {
      const e = new SyncEngine({
        db,
        advisorId: 'local',
        vault,
        endpoints,
        retry: fastRetry,
        ...over,
      });
      engines.push(e);
      return e;
    },
    runtime: (over = {}) => {
      const r = openRuntime({
        db,
        dataDir: dir,
        env: { ...env, ...emulatorEnv(emulator) },
        ...over,
        sync: { retry: fastRetry, ...over.sync },
      });
      runtimes.push(r);
      return r;
    },
    requests: async (realmId) => {
      // Served plus throttled requests (the emulator counts 429s apart from `total`).
      const c = await admin<{ realms: Record<string, { total: number; throttled: number }> }>(
        'GET',
        '/counters',
      );
      const n = (r: { total: number; throttled: number } | undefined) =>
        r ? r.total + r.throttled : 0;
      return realmId
        ? n(c.realms[realmId])
        : Object.values(c.realms).reduce((sum, r) => sum + n(r), 0);
    },
    close: async () => {
      for (const e of engines) await e.close();
      for (const r of runtimes) await r.close();
      db.close();
      await emulator.close();
    },
  };
}

/** The emulator's own count of live records of an entity (inactive name-list rows included). */
export async function emulatorCount(
  h: Harness,
  realmId: string,
  entity: MirroredEntity,
): Promise<number> {
  if (entity === 'CompanyInfo') return 1;
  const where = ['Account', 'Vendor', 'Customer'].includes(entity)
    ? ' WHERE Active IN (true, false)'
    : '';
  const token = (await h.vault.load(h.clients.find((c) => c.realmId === realmId)!.businessId))!
    .accessToken;
  const url = `${h.emulator.apiBaseUrl}/v3/company/${realmId}/query?query=${encodeURIComponent(`SELECT COUNT(*) FROM ${entity}${where}`)}&minorversion=75`;
  // The sync under test may have used this second's allowance: wait out a 429 (the emulator enforces QBO's limits).
  for (let attempt = 0; ; attempt++) {
    const res = await request(url, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    });
    const text = await res.body.text();
    if (res.statusCode === 429 && attempt < 20) {
      await new Promise((r) => setTimeout(r, 250));
      continue;
    }
    return (JSON.parse(text) as { QueryResponse: { totalCount: number } }).QueryResponse.totalCount;
  }
}
