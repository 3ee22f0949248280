// Handlers of the advisor's work (issue 5): client overview, tray, console, decisions, collections,
// digest. Spread into the table in handlers/index.ts. Every one reads the local mirror only.
import type { Handlers } from '../../core/contract.ts';
import { ok } from '../../core/result.ts';
import { callList, logCall } from '../services/collections.ts';
import { consoleView, decideBill } from '../services/console.ts';
import { buildDigests } from '../services/digest/build.ts';
import { clientOverview } from '../services/overview.ts';
import { loadTrayThresholds } from '../services/tray/thresholds.ts';
import { decideTrayItem, trayItems } from '../services/tray/tray.ts';
import type { HandlerContext } from './context.ts';

type AdvisorWorkChannel = 'clients:overview' | 'tray:list' | 'tray:decide' | 'console:list' | 'decisions:record' | 'calls:list' | 'calls:record' | 'digest:build';

export function advisorWorkHandlers(ctx: HandlerContext): Pick<Handlers, AdvisorWorkChannel> {
  const scope = (businessId: string) => ({ advisorId: ctx.advisorId, businessId });
  // Read per call: an edit of <dataDir>/tray-thresholds.json applies on the next refresh; a bad file is one
  // INVALID_INPUT line (dispatch wraps the CodedError), never a crash.
  const t = () => loadTrayThresholds(ctx.dataDir);
  return {
    'clients:overview': async () => ok(clientOverview(ctx.db, ctx.advisorId, ctx.now(), undefined, t())),
    'tray:list': async (a) => ok(trayItems(ctx.db, scope(a.businessId), ctx.now(), a.statuses, t())),
    'tray:decide': async (a) => ok(decideTrayItem(ctx.db, scope(a.businessId), a.itemId, a.decision, a.note ?? null, ctx.now())),
    'console:list': async (a) => ok(consoleView(ctx.db, scope(a.businessId), ctx.now(), a.delayTo, t())),
    'decisions:record': async (a) => ok(decideBill(ctx.db, ctx.advisorId, a, ctx.now(), t())),
    'calls:list': async (a) => ok(callList(ctx.db, ctx.advisorId, ctx.now(), a.businessId, t())),
    'calls:record': async (a) => ok(logCall(ctx.db, ctx.advisorId, a, ctx.now(), t())),
    'digest:build': async (a) => ok(buildDigests(ctx.db, ctx.advisorId, ctx.now(), a, t())),
  };
}
