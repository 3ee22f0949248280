// `rowcol decide --client ID --bill QBO_ID (--pay-now | --delay YYYY-MM-DD | --hold) [--note TEXT]`
import type { Command } from 'commander';
import { requireClient, requireDay, weeks } from '../advisor-format.ts';
import { json } from '../format.ts';
import { CliFailure, type CliIo } from '../io.ts';
import { withSession } from '../session.ts';

export function registerDecide(program: Command, io: CliIo): void {
  program
    .command('decide')
    .description(
      'record a plan for a bill: pay now, delay to a date, or hold (QuickBooks moves no money; this is your plan)',
    )
    .option('--client <id>', 'the client')
    .option('--bill <qboId>', 'the bill (its QuickBooks id, as `rowcol console` shows)')
    .option('--pay-now', 'pay it this week')
    .option('--delay <date>', 'pay it on this date (YYYY-MM-DD)')
    .option('--hold', 'do not pay it for now')
    .option('--note <text>', 'why')
    .option('--json', 'print JSON')
    .action(
      async (
        opts: {
          client?: string;
          bill?: string;
          payNow?: boolean;
          delay?: string;
          hold?: boolean;
          note?: string;
          json?: boolean;
        },
        cmd: Command,
      ) => {
        const businessId = requireClient(opts.client, 'decide');
        if (!opts.bill?.trim())
          throw new CliFailure('decide needs --bill QBO_ID (see `rowcol console --client ID`).', 2);
        const chosen = [
          opts.payNow && 'pay_now',
          opts.delay !== undefined && 'delay',
          opts.hold && 'hold',
        ].filter(Boolean) as ('pay_now' | 'delay' | 'hold')[];
        if (chosen.length !== 1)
          throw new CliFailure(
            'decide needs exactly one of --pay-now, --delay YYYY-MM-DD, --hold.',
            2,
          );
        const action = chosen[0]!;
        const plannedDate = action === 'delay' ? requireDay(opts.delay!, '--delay') : null;
        const r = await withSession(cmd.optsWithGlobals().dataDir, io, (s) =>
          s.call('decisions:record', {
            businessId,
            billQboId: opts.bill!.trim(),
            action,
            plannedDate,
            note: opts.note ?? null,
          }),
        );
        if (opts.json) return io.out(json(r));
        const what =
          action === 'delay'
            ? `delay to ${plannedDate}`
            : action === 'pay_now'
              ? 'pay now'
              : 'hold';
        io.out(
          `Recorded: bill ${opts.bill.trim()} — ${what}. Runway is now ${weeks(r.runwayWeeks)}.\n`,
        );
      },
    );
}
