// `rowcol forecast --client ID [--scenario NAME] [--json]`: the client's cash day by day for 91 days
// (runway in days, the lowest point, what it rests on), the recurring money found and the customers'
// paying habits, with a saved scenario applied when named (`rowcol scenario`);
// `--recurring KEY (--confirm | --ignore | --amount N)` keeps the advisor's choice about one item.
import type { Command } from 'commander';
import { describeChange } from '../../../core/forecast/scenario.ts';
import { money, percent, requireClient } from '../advisor-format.ts';
import { json, table } from '../format.ts';
import { CliFailure, type CliIo } from '../io.ts';
import { withSession } from '../session.ts';

type ForecastOptions = {
  client?: string;
  recurring?: string;
  scenario?: string;
  confirm?: boolean;
  ignore?: boolean;
  amount?: string;
  json?: boolean;
};

function amountCents(v: string): number {
  if (!/^\d+(\.\d{1,2})?$/.test(v))
    throw new CliFailure(`--amount must be an amount like 1250 or 1250.50, not "${v}".`, 2);
  return Math.round(Number(v) * 100);
}

export function registerForecast(program: Command, io: CliIo): void {
  program
    .command('forecast')
    .description(
      "a client's cash day by day for 13 weeks: runway in days, the lowest point, recurring money, paying habits",
    )
    .option('--client <id>', 'the client (see `rowcol clients`)')
    .option(
      '--recurring <key>',
      'a recurring item (its KEY in the list) to confirm, ignore or re-amount',
    )
    .option('--scenario <name>', 'apply a saved scenario (see `rowcol scenario list`)')
    .option('--confirm', 'with --recurring: it is real, keep it in the forecast')
    .option('--ignore', 'with --recurring: leave it out of the forecast')
    .option('--amount <n>', 'with --recurring: its amount from now on')
    .option('--json', 'print JSON')
    .action(async (opts: ForecastOptions, cmd: Command) => {
      const businessId = requireClient(opts.client, 'forecast');
      const chosen = [
        opts.confirm && 'confirm',
        opts.ignore && 'ignore',
        opts.amount !== undefined && 'amount',
      ].filter(Boolean);
      if (opts.recurring === undefined && chosen.length > 0)
        throw new CliFailure('--confirm, --ignore and --amount go with --recurring KEY.', 2);
      if (opts.recurring !== undefined && chosen.length !== 1)
        throw new CliFailure('--recurring needs one of --confirm, --ignore, --amount N.', 2);
      const scenario = opts.scenario?.trim();
      if (opts.scenario !== undefined && !scenario)
        throw new CliFailure('--scenario needs a name (see `rowcol scenario list`).', 2);
      if (scenario !== undefined && opts.recurring !== undefined)
        throw new CliFailure(
          '--recurring changes the forecast itself; give it without --scenario.',
          2,
        );
      const f = await withSession(cmd.optsWithGlobals().dataDir, io, ({ call }) =>
        opts.recurring === undefined
          ? call('forecast:get', { businessId, ...(scenario !== undefined ? { scenario } : {}) })
          : call('forecast:recurring', {
              businessId,
              key: opts.recurring,
              choice: chosen[0] as 'confirm' | 'ignore' | 'amount',
              ...(opts.amount !== undefined ? { amountCents: amountCents(opts.amount) } : {}),
            }),
      );
      if (opts.json) return io.out(json(f));
      const m = (c: number) => money(c, f.homeCurrency);
      const runway =
        f.runwayDays === null
          ? 'cash stays above zero for all 91 days'
          : `runway ${f.runwayDays} days (below zero on ${f.firstBelowZero})`;
      if (f.scenario) {
        io.out(`With scenario "${f.scenario.name}".\n`);
        for (const c of f.scenario.noLongerApplies)
          io.out(
            `  change ${c.index + 1} (${describeChange(c.change, f.homeCurrency)}) no longer applies: ${c.reason}\n`,
          );
      }
      io.out(
        `Cash ${m(f.openingCashCents)} on ${f.today}; ${runway}; lowest ${m(f.lowest.cashCents)} on ${f.lowest.date}.\n` +
          `Day-to-day spending ${m(Math.round(f.dailySpendCents))}/day. Rests on flagged records ${percent(f.confidence.flaggedShare)}, learned paying habits ${percent(f.confidence.habitShare)}, unconfirmed recurring money ${percent(f.confidence.recurringShare)}.\n\n`,
      );
      io.out(
        table(
          ['WEEK FROM', 'IN', 'OUT', 'CASH AT END'],
          Array.from({ length: 13 }, (_, w) => {
            const days = f.projection.slice(w * 7, w * 7 + 7);
            return [
              days[0]!.date,
              m(days.reduce((n, d) => n + d.inCents, 0)),
              m(days.reduce((n, d) => n + d.outCents, 0)),
              m(days.at(-1)!.cashCents),
            ];
          }),
        ),
      );
      if (f.recurring.length) {
        io.out('\nRecurring money found (confirm, change or ignore with --recurring KEY):\n');
        io.out(
          table(
            ['KEY', 'WHO', 'IN/OUT', 'EVERY', 'AMOUNT', 'NEXT', 'STATE'],
            f.recurring.map((r) => [
              r.key,
              r.name,
              r.direction,
              r.cadence,
              m(r.amountCents),
              r.nextDate,
              r.state,
            ]),
          ),
        );
      }
    });
}
