// Handlers of the daily cash forecast (issue 12): the forecast of one client, the advisor's choices
// about its recurring money, the bulk re-date of bills (preview, then record) and the saved scenarios.
// Spread into the table in handlers/index.ts. Reads the mirror only; the previews, lists and comparisons
// write nothing.
import type { Handlers } from '../../core/contract.ts';
import { ok } from '../../core/result.ts';
import { writeTransaction } from '../db/transaction.ts';
import { previewBillMoves, recordBillMoves } from '../services/bill-moves.ts';
import { refreshClientSummary } from '../services/client-summary.ts';
import { chooseRecurring, clientForecast } from '../services/forecast.ts';
import {
  compareScenarios,
  deleteScenario,
  saveScenario,
  scenarioForecast,
  scenarioList,
} from '../services/scenarios.ts';
import { scenarioRecords } from '../services/scenario-records.ts';
import type { HandlerContext } from './context.ts';

type ForecastChannel =
  | 'forecast:get'
  | 'forecast:recurring'
  | 'console:preview-moves'
  | 'decisions:record-moves'
  | 'scenarios:list'
  | 'scenarios:save'
  | 'scenarios:delete'
  | 'forecast:compare'
  | 'scenarios:open-records';

export function forecastHandlers(ctx: HandlerContext): Pick<Handlers, ForecastChannel> {
  const scope = (businessId: string) => ({ advisorId: ctx.advisorId, businessId });
  return {
    'forecast:get': async (a) =>
      ok(
        a.scenario === undefined
          ? clientForecast(ctx.db, scope(a.businessId), ctx.now())
          : scenarioForecast(ctx.db, scope(a.businessId), ctx.now(), a.scenario),
      ),
    // The choice and the client list's row it changes (runway, lowest point) in one transaction.
    'forecast:recurring': async (a) =>
      ok(
        writeTransaction(ctx.db, () => {
          const view = chooseRecurring(
            ctx.db,
            scope(a.businessId),
            a.choice === 'amount'
              ? { key: a.key, choice: 'amount', amountCents: a.amountCents ?? 0 }
              : { key: a.key, choice: a.choice },
            ctx.now(),
          );
          refreshClientSummary(ctx.db, scope(a.businessId), ctx.now());
          return view;
        }),
      ),
    'console:preview-moves': async (a) =>
      ok(previewBillMoves(ctx.db, scope(a.businessId), a.moves, ctx.now())),
    'decisions:record-moves': async (a) =>
      ok(
        recordBillMoves(
          ctx.db,
          scope(a.businessId),
          a.moves,
          a.note ?? null,
          ctx.now(),
          ctx.trayThresholds(),
        ),
      ),
    'scenarios:list': async (a) => ok(scenarioList(ctx.db, scope(a.businessId), ctx.now())),
    'scenarios:save': async (a) =>
      ok(saveScenario(ctx.db, scope(a.businessId), a.scenario, ctx.now())),
    'scenarios:delete': async (a) =>
      ok(deleteScenario(ctx.db, scope(a.businessId), a.name, ctx.now())),
    'forecast:compare': async (a) =>
      ok(compareScenarios(ctx.db, scope(a.businessId), ctx.now(), a.scenarios)),
    'scenarios:open-records': async (a) =>
      ok(scenarioRecords(ctx.db, scope(a.businessId), ctx.now())),
  };
}
