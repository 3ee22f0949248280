// Handlers of the advisor's work (issue 5): client overview, tray, console, decisions, collections,
// digest. Spread into the table in handlers/index.ts. Every one reads the local mirror only.
import type { Handlers } from '../../core/contract.ts';
import { ok } from '../../core/result.ts';
import { callList, logCall } from '../services/collections.ts';
import { consoleView, decideBill } from '../services/console.ts';
import { buildDigests } from '../services/digest/build.ts';
import { clientOverview } from '../services/overview.ts';
import { decideTrayItem, trayItems } from '../services/tray/tray.ts';
import type { HandlerContext } from './context.ts';

type AdvisorWorkChannel = 'clients:overview' | 'tray:list' | 'tray:decide' | 'console:list' | 'decisions:record' | 'calls:list' | 'calls:record' | 'digest:build';

export function advisorWorkHandlers(ctx: HandlerContext): Pick<Handlers, AdvisorWorkChannel> {
  const scope = (businessId: string) => ({ advisorId: ctx.advisorId, businessId });
  return {
    'clients:overview': async () => ok(clientOverview(ctx.db, ctx.advisorId, ctx.now())),
    'tray:list': async (a) => ok(trayItems(ctx.db, scope(a.businessId), ctx.now(), a.statuses)),
    'tray:decide': async (a) => ok(decideTrayItem(ctx.db, scope(a.businessId), a.itemId, a.decision, a.note ?? null, ctx.now())),
    'console:list': async (a) => ok(consoleView(ctx.db, scope(a.businessId), ctx.now(), a.delayTo)),
    'decisions:record': async (a) => ok(decideBill(ctx.db, ctx.advisorId, a, ctx.now())),
    'calls:list': async (a) => ok(callList(ctx.db, ctx.advisorId, ctx.now(), a.businessId)),
    'calls:record': async (a) => ok(logCall(ctx.db, ctx.advisorId, a, ctx.now())),
    'digest:build': async (a) => ok(buildDigests(ctx.db, ctx.advisorId, ctx.now(), a)),
  };
}
