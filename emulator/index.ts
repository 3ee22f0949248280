// The QuickBooks Online emulator: a real HTTP server on 127.0.0.1 that speaks QBO's Accounting API v3
// and Intuit's OAuth 2.0 closely enough that undici and intuit-oauth cannot tell (docs/emulator.md).
import type { AddressInfo } from 'node:net';
import { Clock } from './clock.ts';
import { loadDataFile } from './data-file.ts';
import { Faults, parseFaults, type FaultOptions } from './faults.ts';
import { generateCompanies } from './generator.ts';
import { OAuthServer } from './oauth.ts';
import { createEmulatorServer, PATHS } from './server.ts';
import { largeTimes, SIZES, type Size } from './sizes.ts';
import type { Books } from './store.ts';
import type { Counters } from './admin.ts';

export type { FaultOptions } from './faults.ts';

export type EmulatorOptions = {
  port?: number;
  seed?: number;
  companies?: number;
  size?: Size;
  data?: string | object;
  /**
   * Serve a data file's records even where QBO never would (impossible dates, infinite amounts): only
   * for the product's own tests of data QBO must never send. Off by default (data-checks.ts).
   */
  serveImpossibleData?: boolean;
  clientId?: string;
  clientSecret?: string;
  today?: string;
  accessTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
  refreshGraceSeconds?: number;
  limits?: { perMinute?: number; perSecond?: number; concurrent?: number };
  faults?: FaultOptions;
};

export type EmulatorHandle = {
  apiBaseUrl: string;
  authorizeUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  adminUrl: string;
  clientId: string;
  clientSecret: string;
  companies: { realmId: string; name: string }[];
  close(): Promise<void>;
};

/** Fixed development credentials, so a newcomer can paste them once (they open nothing but this emulator). */
export const DEV_CLIENT_ID = 'ABemulatorClientId0000000000000000000000000000000';
export const DEV_CLIENT_SECRET = 'emulatorSecret0000000000000000000000000';

export { SIZES };

/** The clock's start: `today` at 09:00 Pacific (17:00 UTC, close enough across DST), or now. */
function startMs(today: string | undefined): number {
  if (today === undefined) return Date.now();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(`${today}T00:00:00Z`)))
    throw new Error(`today must be YYYY-MM-DD, not "${today}"`);
  return Date.parse(`${today}T17:00:00Z`);
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  const seed = options.seed ?? 1;
  const size = options.size ?? 'small';
  if (!SIZES.includes(size)) throw new Error(`size must be one of ${SIZES.join(', ')}`);
  const clock = new Clock(startMs(options.today));
  const companies = options.companies ?? (largeTimes(size) > 0 ? 1 : 3);
  if (!Number.isInteger(companies) || companies < 0 || companies > 2000)
    throw new Error('companies must be a whole number from 0 to 2000');
  let faultOptions: FaultOptions | undefined;
  if (options.faults) {
    const f = parseFaults(options.faults);
    if (typeof f === 'string') throw new Error(`faults: ${f}`);
    faultOptions = f;
  }
  const all: Books[] =
    options.data !== undefined
      ? await loadDataFile(options.data, clock, { checked: options.serveImpossibleData !== true })
      : generateCompanies({ seed, companies, size, clock });
  const books = new Map(all.map((b) => [b.realmId, b]));
  const clientId = options.clientId ?? DEV_CLIENT_ID;
  const clientSecret = options.clientSecret ?? DEV_CLIENT_SECRET;
  const list = () => all.map((b) => ({ realmId: b.realmId, name: b.name }));
  const oauth = new OAuthServer(
    {
      clientId,
      clientSecret,
      accessTtl: options.accessTokenTtlSeconds ?? 3600,
      refreshTtl: options.refreshTokenTtlSeconds ?? 8_726_400,
      graceSeconds: options.refreshGraceSeconds ?? 86_400,
      realms: list,
    },
    clock,
  );
  const counters: Counters = { realms: {} };
  const server = createEmulatorServer({
    books,
    clock,
    oauth,
    faults: new Faults(seed, faultOptions),
    counters,
    resetCounters: () => {
      counters.realms = {};
      oauth.tokensIssued = 0;
      oauth.refreshes = 0;
    },
    limits: {
      perMinute: options.limits?.perMinute ?? 500,
      perSecond: options.limits?.perSecond ?? 10,
      concurrent: options.limits?.concurrent ?? 10,
    },
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiBaseUrl: base,
    authorizeUrl: base + PATHS.authorize,
    tokenUrl: base + PATHS.token,
    revokeUrl: base + PATHS.revoke,
    adminUrl: base + PATHS.admin,
    clientId,
    clientSecret,
    companies: list(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
