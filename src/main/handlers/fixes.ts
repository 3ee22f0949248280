// Handlers of hygiene fixes written back to QuickBooks (issue 11): record, list, resolve. Spread into the
// table in handlers/index.ts. Recording needs no network: the next sync of the client sends the fix.
import type { Handlers } from '../../core/contract.ts';
import { fixStates } from '../../core/fixes.ts';
import { ok } from '../../core/result.ts';
import { listFixes, recordFix, resolveFix } from '../services/fixes.ts';
import type { HandlerContext } from './context.ts';

type FixChannel = 'fixes:record' | 'outbox:list' | 'outbox:resolve';

export function fixHandlers(ctx: HandlerContext): Pick<Handlers, FixChannel> {
  return {
    'fixes:record': async (a) =>
      ok(recordFix(ctx.db, ctx.advisorId, a, ctx.now(), ctx.trayThresholds())),
    'outbox:list': async (a) =>
      ok(listFixes(ctx.db, ctx.advisorId, a.states ?? fixStates, a.businessId)),
    'outbox:resolve': async (a) =>
      ok(resolveFix(ctx.db, ctx.advisorId, a.fixId, a.keep, ctx.now())),
  };
}
