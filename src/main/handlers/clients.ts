// Handlers of the client list and the client view's header (issue 13 §4): one client's row, and the
// advisor's tags. Spread into the table in handlers/index.ts. The list itself is clients:overview
// (advisor-work.ts); both read the summaries the writers keep (services/client-summary.ts).
import type { Handlers } from '../../core/contract.ts';
import { ok } from '../../core/result.ts';
import { tagClient } from '../services/client-tags.ts';
import { clientOverviewOf } from '../services/overview.ts';
import type { HandlerContext } from './context.ts';

type ClientChannel = 'clients:get' | 'clients:tag';

export function clientHandlers(ctx: HandlerContext): Pick<Handlers, ClientChannel> {
  const scope = (businessId: string) => ({ advisorId: ctx.advisorId, businessId });
  return {
    'clients:get': async (a) => ok(clientOverviewOf(ctx.db, scope(a.businessId), ctx.now())),
    'clients:tag': async (a) =>
      ok({
        businessId: a.businessId,
        tags: tagClient(ctx.db, scope(a.businessId), a.add, a.remove),
      }),
  };
}
