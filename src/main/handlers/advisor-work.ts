// Handlers of the advisor's work (issue 5): client overview, tray, console, decisions, collections,
// digest. Spread into the table in handlers/index.ts. Every one reads the local mirror only, and the
// reads (overview, tray, console, calls, digest without save) never write: trays are recomputed by the
// writers (the end of a client's sync, a decision, a logged call, the day rolling over: runtime.ts).
import type { Handlers } from '../../core/contract.ts';
import { CodedError, ok } from '../../core/result.ts';
import { getClient, listClients } from '../db/repositories/clients.ts';
import { callList, logCall } from '../services/collections.ts';
import { consoleView, decideBill } from '../services/console.ts';
import { buildDigests } from '../services/digest/build.ts';
import { clientOverview } from '../services/overview.ts';
import { recomputeTray } from '../services/tray/recompute.ts';
import { decideTrayItem, trayItems } from '../services/tray/tray.ts';
import type { HandlerContext } from './context.ts';

type AdvisorWorkChannel =
  | 'clients:overview'
  | 'tray:list'
  | 'tray:decide'
  | 'tray:recheck'
  | 'console:list'
  | 'decisions:record'
  | 'calls:list'
  | 'calls:record'
  | 'digest:build';

export function advisorWorkHandlers(ctx: HandlerContext): Pick<Handlers, AdvisorWorkChannel> {
  const scope = (businessId: string) => ({ advisorId: ctx.advisorId, businessId });
  // Read per call: a change of the thresholds (settings) applies at the next tray recomputation; a bad
  // file is one INVALID_INPUT line (dispatch wraps the CodedError), never a crash.
  const t = ctx.trayThresholds;
  return {
    'clients:overview': async () => ok(clientOverview(ctx.db, ctx.advisorId, ctx.now())),
    'tray:list': async (a) => {
      // Read-only check of the thresholds file: a broken one is said here, not only at the next recompute.
      t();
      return ok(trayItems(ctx.db, scope(a.businessId), a.statuses));
    },
    'tray:recheck': async (a) => {
      const ids = a.businessId
        ? [a.businessId]
        : listClients(ctx.db, ctx.advisorId).map((c) => c.businessId);
      if (a.businessId && !getClient(ctx.db, ctx.advisorId, a.businessId))
        throw new CodedError('NOT_FOUND', `No client ${a.businessId}.`);
      const thresholds = t();
      for (const id of ids) recomputeTray(ctx.db, scope(id), ctx.now(), thresholds);
      return ok({ recomputed: ids });
    },
    'tray:decide': async (a) =>
      ok(
        decideTrayItem(
          ctx.db,
          scope(a.businessId),
          a.itemId,
          a.decision,
          a.note ?? null,
          ctx.now(),
        ),
      ),
    'console:list': async (a) => ok(consoleView(ctx.db, scope(a.businessId), ctx.now(), a.delayTo)),
    'decisions:record': async (a) => ok(decideBill(ctx.db, ctx.advisorId, a, ctx.now(), t())),
    'calls:list': async (a) => ok(callList(ctx.db, ctx.advisorId, ctx.now(), a.businessId)),
    'calls:record': async (a) => ok(logCall(ctx.db, ctx.advisorId, a, ctx.now(), t())),
    // The advisor's paper when one is chosen in the settings; otherwise each client's own default.
    'digest:build': async (a) =>
      ok(
        buildDigests(ctx.db, ctx.advisorId, ctx.now(), a, {
          paper: ctx.settings.view().paperSizeChosen ?? undefined,
          dateFormat: ctx.settings.view().dateFormat,
        }),
      ),
  };
}
