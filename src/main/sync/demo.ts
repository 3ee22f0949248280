// Demo books: `rowcol connect --demo` starts the embedded QBO emulator and connects every company in it.
// The emulator lives only as long as a command, so later commands must find the same books again.
// Choice: the emulator builds its companies deterministically from a seed, so `<dataDir>/demo.json`
// keeps what is needed to rebuild the very same server (seed, size, company count, port, app keys, the
// API base URL the demo clients were saved with). A command that needs QBO for a client whose
// api_base_url is the demo one restarts the emulator from that file (same port when free, else a new
// one and the clients' URL is moved) and, because a restarted emulator knows none of the earlier
// tokens, re-authorizes each demo company through its auto-approve consent (the demo has no person to
// ask). Edits made to the demo books through the emulator's admin API last only as long as that
// command. Tokens are still sealed in the vault like real ones.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/open.ts';
import { listClients, getClient } from '../db/repositories/clients.ts';
import type { ConnectedClient } from '../oauth/connect.ts';
import type { TokenVault } from '../oauth/tokens.ts';
import { endpointsOf, type QboEndpoints } from '../qbo/endpoints.ts';
import type { EmulatorHandle, EmulatorOptions } from '../../../emulator/index.ts';

export const demoFileName = 'demo.json';

export type DemoState = {
  version: 1;
  seed: number;
  size?: EmulatorOptions['size'];
  companies: number;
  port: number;
  apiBaseUrl: string;
  clientId: string;
  clientSecret: string;
};

type Emulator = EmulatorHandle;

/** Loaded only when the demo is used; a literal path, so electron-vite bundles it for the app too. */
async function loadEmulator(): Promise<(options: EmulatorOptions) => Promise<Emulator>> {
  return (await import('../../../emulator/index.ts')).startEmulator;
}

export type DemoBooks = {
  emulator: Emulator;
  state: DemoState;
  endpoints: QboEndpoints;
  close(): Promise<void>;
};

export function readDemoState(dataDir: string): DemoState | undefined {
  const file = join(dataDir, demoFileName);
  if (!existsSync(file)) return undefined;
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as DemoState;
    return s.version === 1 ? s : undefined;
  } catch {
    return undefined;
  }
}

function writeDemoState(dataDir: string, state: DemoState): void {
  const file = join(dataDir, demoFileName);
  writeFileSync(`${file}.tmp`, JSON.stringify(state, null, 2), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

/** Starts the demo books: fresh ones (connect --demo) or the ones demo.json describes. */
export async function startDemoBooks(
  dataDir: string,
  opts: { fresh?: boolean; size?: EmulatorOptions['size']; companies?: number } = {},
): Promise<DemoBooks> {
  const start = await loadEmulator();
  const known = opts.fresh ? undefined : readDemoState(dataDir);
  const seed = known?.seed ?? 20_250_101;
  const base = {
    seed,
    companies: known?.companies ?? opts.companies ?? 3,
    ...(known?.size || opts.size ? { size: known?.size ?? opts.size } : {}),
  };
  const keys = known ? { clientId: known.clientId, clientSecret: known.clientSecret } : {};
  let emulator: Emulator;
  try {
    emulator = await start({ ...base, ...keys, port: known?.port ?? 0 });
  } catch {
    emulator = await start({ ...base, ...keys, port: 0 }); // the old port is taken
  }
  const port = Number(new URL(emulator.apiBaseUrl).port);
  const state: DemoState = {
    version: 1,
    ...base,
    port,
    apiBaseUrl: emulator.apiBaseUrl,
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
  };
  writeDemoState(dataDir, state);
  return { emulator, state, endpoints: endpointsOf(emulator), close: () => emulator.close() };
}

/** Consent without a person: the emulator's `auto_approve=REALM_ID` redirects straight to our listener. */
export async function connectDemoCompany(
  db: Db,
  advisorId: string,
  vault: TokenVault,
  books: DemoBooks,
  realmId: string,
): Promise<ConnectedClient> {
  // Loaded here, not at the top: reading demo.json (every command on a demo folder) needs no HTTP or OAuth.
  const [{ request }, { beginConnection, saveConnection }] = await Promise.all([
    import('undici'),
    import('../oauth/connect.ts'),
  ]);
  const pending = await beginConnection(books.endpoints, { host: '127.0.0.1', timeoutMs: 30_000 });
  try {
    const url = new URL(pending.authorizeUrl);
    url.searchParams.set('auto_approve', realmId);
    const consent = await request(url, { method: 'GET' });
    await consent.body.text();
    const location = consent.headers.location;
    if (consent.statusCode < 300 || consent.statusCode >= 400 || typeof location !== 'string') {
      throw new Error(`the demo consent page answered ${consent.statusCode} without a redirect`);
    }
    const back = await request(location, { method: 'GET' });
    await back.body.text();
    return await saveConnection(db, advisorId, vault, books.endpoints, await pending.tokens);
  } finally {
    await pending.cancel();
  }
}

/** The clients saved against an earlier run of the demo books. */
export function demoClientIds(db: Db, advisorId: string, state: DemoState | undefined): string[] {
  if (!state) return [];
  return listClients(db, advisorId)
    .map((c) => getClient(db, advisorId, c.businessId))
    .filter(
      (c) =>
        c !== undefined &&
        c.apiBaseUrl === state.apiBaseUrl &&
        c.connectionState !== 'disconnected',
    )
    .map((c) => c!.businessId);
}
