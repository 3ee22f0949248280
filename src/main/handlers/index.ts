// The handler table: one complete object literal typed against the contract, so a missing channel is a
// compile error. Handlers are plain async functions over plain objects; the runtime builds the table
// once per process (src/main/runtime/runtime.ts) and every caller goes through dispatch.
import type { Handlers } from '../../core/contract.ts';
import { ok } from '../../core/result.ts';
import { schemaVersion } from '../db/open.ts';
import { listClients } from '../db/repositories/clients.ts';
import { advisorWorkHandlers } from './advisor-work.ts';
import { clientHandlers } from './clients.ts';
import { collectionsHandlers } from './collections.ts';
import { firmHandlers } from './firm.ts';
import type { HandlerContext } from './context.ts';
import { fixHandlers } from './fixes.ts';
import { forecastHandlers } from './forecast.ts';
import { settingsHandlers } from './settings.ts';
import { syncHandlers } from './sync.ts';
import { trayHandlers } from './tray.ts';

export function createHandlers(ctx: HandlerContext): Handlers {
  return {
    'app:get-info': async () =>
      ok({ version: ctx.appVersion, dataDir: ctx.dataDir, schemaVersion: schemaVersion(ctx.db) }),
    'clients:list': async () => ok(listClients(ctx.db, ctx.advisorId)),
    ...advisorWorkHandlers(ctx),
    ...syncHandlers(ctx),
    ...fixHandlers(ctx),
    ...forecastHandlers(ctx),
    ...settingsHandlers(ctx),
    ...trayHandlers(ctx),
    ...clientHandlers(ctx),
    ...collectionsHandlers(ctx),
    ...firmHandlers(ctx),
  };
}
