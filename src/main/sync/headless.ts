// The sync engine as the CLI (and any headless caller) builds it: tokens in the AES-GCM vault, endpoints
// and app keys from the environment, and the demo books restarted when a demo client is synced.
import type { Db } from '../db/open.ts';
import { fileKeyTokenVault } from '../oauth/token-vault.ts';
import type { TokenVault } from '../oauth/tokens.ts';
import { resolveEndpoints } from '../qbo/endpoints.ts';
import { DemoSession } from './demo-session.ts';
import { SyncEngine, type SyncEngineOptions } from './engine.ts';

export type Headless = { engine: SyncEngine; vault: TokenVault; close(): Promise<void> };

export type HeadlessContext = { db: Db; advisorId: string; dataDir: string; env: NodeJS.ProcessEnv };

export async function openHeadlessSync(ctx: HeadlessContext, businessIds: readonly string[], extra: Partial<Omit<SyncEngineOptions, 'db' | 'advisorId' | 'vault' | 'endpoints'>> = {}): Promise<Headless> {
  const vault = fileKeyTokenVault(ctx.db, ctx.advisorId, ctx.dataDir, ctx.env);
  const fromEnv = resolveEndpoints({}, ctx.env);
  // A command's emulator ends with the command: the demo books are started again for the demo clients it syncs.
  const demo = new DemoSession(ctx.db, ctx.advisorId, vault, ctx.dataDir);
  await demo.resume(businessIds);
  const engine = new SyncEngine({
    db: ctx.db,
    advisorId: ctx.advisorId,
    vault,
    endpoints: (apiBaseUrl) => demo.endpointsFor(apiBaseUrl) ?? { ...fromEnv, apiBaseUrl },
    ...extra,
  });
  return {
    engine,
    vault,
    close: async () => {
      await engine.close();
      await demo.close();
    },
  };
}
