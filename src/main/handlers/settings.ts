// settings:get / settings:set over the one settings file of the data folder (src/main/settings/).
// Spread into the table in handlers/index.ts.
import type { Handlers } from '../../core/contract.ts';
import { ok } from '../../core/result.ts';
import type { HandlerContext } from './context.ts';

type SettingsChannels = 'settings:get' | 'settings:set';

export function settingsHandlers(ctx: HandlerContext): Pick<Handlers, SettingsChannels> {
  return {
    // A read: never writes (a damaged file is said in `problems` and set aside only at the next save).
    'settings:get': async () => ok(ctx.settings.view()),
    'settings:set': async (patch) => {
      const saved = await ctx.settings.update(patch);
      // New thresholds change what the trays show: recompute them now (the writer's step).
      if (patch.trayThresholds) ctx.refreshTrays();
      return ok(saved);
    },
  };
}
