// The sync engine as the CLI (and any headless caller) builds it: tokens in the AES-GCM vault, endpoints
// and app keys from the environment, and the demo books restarted when a demo client is synced.
import type { Db } from '../db/open.ts';
import { getClient } from '../db/repositories/clients.ts';
import { fileKeyTokenVault } from '../oauth/token-vault.ts';
import type { TokenVault } from '../oauth/tokens.ts';
import { resolveEndpoints } from '../qbo/endpoints.ts';
import { connectDemoCompany, demoClientIds, readDemoState, startDemoBooks, type DemoBooks } from './demo.ts';
import { SyncEngine, type SyncEngineOptions } from './engine.ts';

export type Headless = { engine: SyncEngine; vault: TokenVault; demo: DemoBooks | undefined; close(): Promise<void> };

export type HeadlessContext = { db: Db; advisorId: string; dataDir: string; env: NodeJS.ProcessEnv };

export async function openHeadlessSync(ctx: HeadlessContext, businessIds: readonly string[], extra: Partial<Omit<SyncEngineOptions, 'db' | 'advisorId' | 'vault' | 'endpoints'>> = {}): Promise<Headless> {
  const vault = fileKeyTokenVault(ctx.db, ctx.advisorId, ctx.dataDir, ctx.env);
  const fromEnv = resolveEndpoints({}, ctx.env);
  const demoState = readDemoState(ctx.dataDir);
  const demoIds = demoClientIds(ctx.db, ctx.advisorId, demoState).filter((id) => businessIds.includes(id));
  let demo: DemoBooks | undefined;
  if (demoIds.length) {
    demo = await startDemoBooks(ctx.dataDir);
    try {
      for (const id of demoIds) {
        const client = getClient(ctx.db, ctx.advisorId, id);
        if (client) await connectDemoCompany(ctx.db, ctx.advisorId, vault, demo, client.realmId);
      }
    } catch (error) {
      // A running emulator would keep the CLI alive after the failure is reported.
      await demo.close();
      throw error;
    }
  }
  const books = demo;
  const engine = new SyncEngine({
    db: ctx.db,
    advisorId: ctx.advisorId,
    vault,
    endpoints: (apiBaseUrl) => (books && apiBaseUrl === books.endpoints.apiBaseUrl ? books.endpoints : { ...fromEnv, apiBaseUrl }),
    ...extra,
  });
  return {
    engine,
    vault,
    demo,
    close: async () => {
      await engine.close();
      await demo?.close();
    },
  };
}
