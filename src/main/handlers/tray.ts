// Handlers of the tray screen (issue 13 §4 "Tray"): bulk decisions, notes, history, what the fix forms
// offer, and the client's sync problem for the banner. Spread into the table in handlers/index.ts. The
// reads (history, fix choices, sync problem) never write; decide-many and note write in one transaction.
import type { Handlers } from '../../core/contract.ts';
import { ok } from '../../core/result.ts';
import { fixChoices } from '../services/tray/fix-choices.ts';
import { noteTrayItem, trayItemHistory } from '../services/tray/notes.ts';
import { clientSyncProblem } from '../services/tray/sync-problem.ts';
import { decideTrayItems } from '../services/tray/tray.ts';
import type { HandlerContext } from './context.ts';

type TrayChannel =
  'tray:decide-many' | 'tray:note' | 'tray:history' | 'tray:fix-choices' | 'sync:problem';

export function trayHandlers(ctx: HandlerContext): Pick<Handlers, TrayChannel> {
  const scope = (businessId: string) => ({ advisorId: ctx.advisorId, businessId });
  return {
    'tray:decide-many': async (a) =>
      ok(
        decideTrayItems(
          ctx.db,
          scope(a.businessId),
          a.itemIds,
          a.decision,
          a.note ?? null,
          ctx.now(),
        ),
      ),
    'tray:note': async (a) => ok(noteTrayItem(ctx.db, ctx.advisorId, a.itemId, a.text, ctx.now())),
    'tray:history': async (a) => ok(trayItemHistory(ctx.db, ctx.advisorId, a.itemId)),
    'tray:fix-choices': async (a) => ok(fixChoices(ctx.db, scope(a.businessId), a.itemIds)),
    'sync:problem': async (a) => ok(clientSyncProblem(ctx.db, scope(a.businessId))),
  };
}
