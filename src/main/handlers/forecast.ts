// Handlers of the daily cash forecast (issue 12): the forecast of one client, and the advisor's choices
// about its recurring money. Spread into the table in handlers/index.ts. Reads the mirror only.
import type { Handlers } from '../../core/contract.ts';
import { CodedError, ok } from '../../core/result.ts';
import { chooseRecurring, clientForecast } from '../services/forecast.ts';
import type { HandlerContext } from './context.ts';

type ForecastChannel =
  | 'forecast:get'
  | 'forecast:recurring'
  | 'console:preview-moves'
  | 'decisions:record-moves'
  | 'scenarios:list'
  | 'scenarios:save'
  | 'scenarios:delete'
  | 'forecast:compare';

const notYet = async (): Promise<never> => {
  throw new CodedError('UNAVAILABLE', 'Not built yet.');
};

export function forecastHandlers(ctx: HandlerContext): Pick<Handlers, ForecastChannel> {
  const scope = (businessId: string) => ({ advisorId: ctx.advisorId, businessId });
  return {
    'forecast:get': async (a) => ok(clientForecast(ctx.db, scope(a.businessId), ctx.now())),
    'forecast:recurring': async (a) =>
      ok(
        chooseRecurring(
          ctx.db,
          scope(a.businessId),
          a.choice === 'amount'
            ? { key: a.key, choice: 'amount', amountCents: a.amountCents ?? 0 }
            : { key: a.key, choice: a.choice },
          ctx.now(),
        ),
      ),
    'console:preview-moves': notYet,
    'decisions:record-moves': notYet,
    'scenarios:list': notYet,
    'scenarios:save': notYet,
    'scenarios:delete': notYet,
    'forecast:compare': notYet,
  };
}
