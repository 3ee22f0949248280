// Handlers for connecting, disconnecting and syncing clients: the one implementation of each, called by
// the window (IPC), the CLI and the tests alike. Spread into the table in handlers/index.ts. The QBO and
// OAuth code is loaded on first use (ctx.sync(), dynamic imports), so reads never pay for it.
import type { Handlers } from '../../core/contract.ts';
import { CodedError, ok } from '../../core/result.ts';
import type { ClientSyncStatus } from '../../core/sync.ts';
import { getClient, listClients, setConnectionState } from '../db/repositories/clients.ts';
import { firmCompanyOf } from '../db/repositories/firm.ts';
import { discardUnsentFixes, unsentFixCount } from '../db/repositories/outbox.ts';
import { listSyncStates } from '../db/repositories/sync-state.ts';
import { intuitEndpoints } from '../qbo/endpoints.ts';
import type { HandlerContext } from './context.ts';

type SyncChannels =
  | 'clients:connect'
  | 'clients:connect-demo'
  | 'clients:disconnect'
  | 'sync:run'
  | 'sync:status'
  | 'sync:cancel';

/** Intuit redirects only to URIs registered with the app, so the port must be the same every time. */
export const defaultRedirectPort = 8000;

const oauth = () => import('../oauth/connect.ts');

export function syncHandlers(ctx: HandlerContext): Pick<Handlers, SyncChannels> {
  return {
    'clients:connect': async ({ port, timeoutSeconds, sandbox }) => {
      const configured = ctx.connectEndpoints();
      const endpoints = sandbox
        ? { ...configured, apiBaseUrl: intuitEndpoints.sandbox }
        : configured;
      if (!endpoints.clientId || !endpoints.clientSecret) {
        throw new CodedError(
          'UNAVAILABLE',
          "No QuickBooks app keys are configured: enter your Intuit app's client id and secret in Settings (`rowcol settings set intuit.clientId ID`, then `rowcol settings set intuit.clientSecret -`) or set ROWCOL_QBO_CLIENT_ID and ROWCOL_QBO_CLIENT_SECRET, or try the demo books.",
        );
      }
      const services = await ctx.sync();
      const { beginConnection, saveConnection } = await oauth();
      const pending = await beginConnection(endpoints, {
        port: port ?? defaultRedirectPort,
        timeoutMs: (timeoutSeconds ?? 300) * 1000,
      });
      // Completes in the background when the browser comes back: connection:changed, or connection:failed.
      void pending.tokens
        .then((tokens) =>
          saveConnection(ctx.db, ctx.advisorId, services.vault, endpoints, tokens, ctx.now()),
        )
        .then((c) =>
          ctx.emit('connection:changed', {
            businessId: c.businessId,
            connectionState: 'connected',
          }),
        )
        .catch((error: unknown) =>
          ctx.emit('connection:failed', { message: (error as Error)?.message ?? String(error) }),
        )
        .finally(() => void pending.cancel());
      await ctx.openExternal?.(pending.authorizeUrl);
      return ok({ authorizeUrl: pending.authorizeUrl });
    },
    'clients:connect-demo': async ({ fresh }) => {
      const { demo } = await ctx.sync();
      const connected = await demo.connectAll({ fresh });
      for (const c of connected)
        ctx.emit('connection:changed', { businessId: c.businessId, connectionState: 'connected' });
      ctx.refreshTrays(connected.map((c) => c.businessId));
      return ok(connected);
    },
    'clients:disconnect': async ({ businessId, dropFixes }) => {
      const client = getClient(ctx.db, ctx.advisorId, businessId);
      if (!client) throw new CodedError('NOT_FOUND', `No client ${businessId}.`);
      // A client's unsent fixes are never dropped silently: the advisor says so first.
      const scope = { advisorId: ctx.advisorId, businessId };
      const unsent = unsentFixCount(ctx.db, scope);
      if (unsent > 0 && !dropFixes)
        throw new CodedError(
          'CONFLICT',
          `${client.displayName} has ${unsent} fix(es) not yet in QuickBooks (rowcol outbox --client ${businessId}); sync first, or disconnect with --drop-fixes to discard them.`,
        );
      if (unsent > 0)
        discardUnsentFixes(
          ctx.db,
          scope,
          'discarded when the client was disconnected',
          ctx.now().toISOString(),
        );
      const { engine, vault, demo } = await ctx.sync();
      let result: { revoked: boolean; error: string | null };
      if (demo.isDemoClient(client) && !demo.running) {
        // Demo books that are not running: their tokens died with them, nothing to revoke remotely.
        await vault.remove(businessId);
        result = { revoked: false, error: null };
      } else {
        result = await (await oauth()).revokeConnection(vault, engine.endpointsOf(client), client);
      }
      engine.server(client).tokens.forget(businessId);
      setConnectionState(ctx.db, ctx.advisorId, businessId, 'disconnected');
      ctx.refreshTrays([businessId]);
      ctx.emit('connection:changed', { businessId, connectionState: 'disconnected' });
      return ok({ businessId, revoked: result.revoked, revokeError: result.error });
    },
    // An advisor's own request (Sync now, `rowcol sync`; the background timer does not come here): a
    // company whose circuit opened after an outage gets one trial at once, not after the cool-down.
    'sync:run': async ({ businessId, strict }) => {
      let businessIds: string[] | undefined;
      if (businessId) {
        if (!getClient(ctx.db, ctx.advisorId, businessId))
          throw new CodedError('NOT_FOUND', `No client ${businessId}.`);
        if (firmCompanyOf(ctx.db, businessId) !== undefined)
          throw new CodedError(
            'INVALID_INPUT',
            `${businessId} is a firm client: the firm's hub syncs it with QuickBooks, and this desktop pulls it from the hub (rowcol sync, in firm mode); it never asks QuickBooks itself.`,
          );
        businessIds = [businessId];
      }
      const services = await ctx.sync();
      for (const id of businessIds ?? listClients(ctx.db, ctx.advisorId).map((c) => c.businessId)) {
        const c = getClient(ctx.db, ctx.advisorId, id);
        if (c) services.engine.server(c).qbo.breakers.trialNow(c.realmId);
      }
      return ok(await services.run({ businessIds, strict }));
    },
    // Cancel (the window's sync progress): every run in progress stops after its committed pages.
    'sync:cancel': async () => ok({ cancelled: (await ctx.sync()).cancel() }),
    'sync:status': async ({ businessId }) => {
      const clients = listClients(ctx.db, ctx.advisorId).filter(
        (c) => !businessId || c.businessId === businessId,
      );
      if (businessId && clients.length === 0)
        throw new CodedError('NOT_FOUND', `No client ${businessId}.`);
      const now = ctx.now().getTime();
      return ok(
        clients.map((c): ClientSyncStatus => ({
          businessId: c.businessId,
          connectionState: c.connectionState,
          entities: listSyncStates(ctx.db, {
            advisorId: ctx.advisorId,
            businessId: c.businessId,
          }).map((s) => ({
            entity: s.entity,
            lastSuccessAt: s.lastSuccessAt,
            ageSeconds: s.lastSuccessAt
              ? Math.max(0, Math.round((now - Date.parse(s.lastSuccessAt)) / 1000))
              : null,
            loading: s.fullLoadPosition !== null,
            lastError: s.lastError,
            lastErrorCode: s.lastErrorCode,
          })),
        })),
      );
    },
  };
}
