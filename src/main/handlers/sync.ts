// Handlers for connecting clients and syncing them. Spread into the table in handlers/index.ts.
import type { Handlers } from '../../core/contract.ts';
import { CodedError, ok } from '../../core/result.ts';
import type { ClientSyncStatus } from '../../core/sync.ts';
import { getClient, listClients, setConnectionState } from '../db/repositories/clients.ts';
import { listSyncStates } from '../db/repositories/sync-state.ts';
import { beginConnection, revokeConnection, saveConnection } from '../oauth/connect.ts';
import { fileKeyTokenVault } from '../oauth/token-vault.ts';
import type { TokenVault } from '../oauth/tokens.ts';
import { resolveEndpoints, type QboEndpoints } from '../qbo/endpoints.ts';
import { SyncEngine, toRunResult } from '../sync/engine.ts';
import { syncClients } from '../sync/scheduler.ts';
import type { HandlerContext } from './context.ts';

export type SyncServices = { engine: SyncEngine; vault: TokenVault; endpoints: QboEndpoints };

type SyncChannels = 'clients:connect' | 'clients:connect-demo' | 'clients:disconnect' | 'sync:run' | 'sync:status';

const built = new WeakMap<HandlerContext, SyncServices>();

/** The context's services, or headless ones (AES-GCM vault, endpoints from the environment). */
function services(ctx: HandlerContext): SyncServices {
  if (ctx.sync) return ctx.sync;
  let s = built.get(ctx);
  if (!s) {
    const vault = fileKeyTokenVault(ctx.db, ctx.advisorId, ctx.dataDir);
    const endpoints = resolveEndpoints({});
    const engine = new SyncEngine({ db: ctx.db, advisorId: ctx.advisorId, vault, endpoints, now: ctx.now, onProgress: (p) => ctx.emit?.('sync:progress', p),
      onConnectionChanged: (businessId, connectionState) => ctx.emit?.('connection:changed', { businessId, connectionState }),
    });
    built.set(ctx, (s = { engine, vault, endpoints }));
  }
  return s;
}

export function syncHandlers(ctx: HandlerContext): Pick<Handlers, SyncChannels> {
  return {
    'clients:connect': async () => {
      const { vault, endpoints } = services(ctx);
      if (!endpoints.clientId || !endpoints.clientSecret) throw new CodedError('UNAVAILABLE', 'No QuickBooks app keys are configured (ROWCOL_QBO_CLIENT_ID, ROWCOL_QBO_CLIENT_SECRET).');
      const pending = await beginConnection(endpoints);
      // Completes in the background when the browser comes back; the renderer hears connection:changed.
      void pending.tokens
        .then((tokens) => saveConnection(ctx.db, ctx.advisorId, vault, endpoints, tokens, ctx.now()))
        .then((c) => ctx.emit?.('connection:changed', { businessId: c.businessId, connectionState: 'connected' }))
        .catch((error: unknown) => console.error('[rowcol] connecting a client failed:', (error as Error).message))
        .finally(() => void pending.cancel());
      return ok({ authorizeUrl: pending.authorizeUrl });
    },
    'clients:connect-demo': async () => {
      if (!ctx.demo) throw new CodedError('UNAVAILABLE', 'The demo books run inside the desktop app; on the command line use `rowcol connect --demo`.');
      const connected = await ctx.demo.connectAll();
      for (const c of connected) ctx.emit?.('connection:changed', { businessId: c.businessId, connectionState: 'connected' });
      return ok(connected);
    },
    'clients:disconnect': async ({ businessId }) => {
      const client = getClient(ctx.db, ctx.advisorId, businessId);
      if (!client) throw new CodedError('NOT_FOUND', `No client ${businessId}.`);
      const { engine, vault } = services(ctx);
      const result = await revokeConnection(vault, engine.endpointsOf(client), client);
      engine.server(client).tokens.forget(businessId);
      setConnectionState(ctx.db, ctx.advisorId, businessId, 'disconnected');
      ctx.emit?.('connection:changed', { businessId, connectionState: 'disconnected' });
      return ok({ businessId, revoked: result.revoked });
    },
    'sync:run': async ({ businessId, strict }) => {
      if (businessId && !getClient(ctx.db, ctx.advisorId, businessId)) throw new CodedError('NOT_FOUND', `No client ${businessId}.`);
      const summaries = await syncClients(services(ctx).engine, { businessIds: businessId ? [businessId] : undefined, strict });
      return ok(summaries.map(toRunResult));
    },
    'sync:status': async ({ businessId }) => {
      const clients = listClients(ctx.db, ctx.advisorId).filter((c) => !businessId || c.businessId === businessId);
      if (businessId && clients.length === 0) throw new CodedError('NOT_FOUND', `No client ${businessId}.`);
      const now = ctx.now().getTime();
      return ok(
        clients.map(
          (c): ClientSyncStatus => ({
            businessId: c.businessId,
            connectionState: c.connectionState,
            entities: listSyncStates(ctx.db, { advisorId: ctx.advisorId, businessId: c.businessId }).map((s) => ({
              entity: s.entity,
              lastSuccessAt: s.lastSuccessAt,
              ageSeconds: s.lastSuccessAt ? Math.max(0, Math.round((now - Date.parse(s.lastSuccessAt)) / 1000)) : null,
              loading: s.fullLoadPosition !== null,
              lastError: s.lastError,
              lastErrorCode: s.lastErrorCode,
            })),
          }),
        ),
      );
    },
  };
}
