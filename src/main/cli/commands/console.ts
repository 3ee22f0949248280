// `rowcol console --client ID`: open bills ready for a decision, grouped, with their runway impact;
// with --move, the bulk re-date (console-moves.ts).
import type { Command } from 'commander';
import type { ConsoleBill } from '../../../core/advisor-work.ts';
import type { DayImpact } from '../../../core/forecast/view.ts';
import { money, percent, requireClient, requireDay, weeks } from '../advisor-format.ts';
import { json, table } from '../format.ts';
import type { CliIo } from '../io.ts';
import { CliFailure } from '../io.ts';
import { withSession } from '../session.ts';
import { localDay } from '../../../core/dates.ts';
import { moveTarget, runMoves, type MoveOptions } from './console-moves.ts';

const decisionText = (b: ConsoleBill) =>
  !b.decision
    ? '-'
    : b.decision.action === 'delay'
      ? `delay to ${b.decision.plannedDate}`
      : b.decision.action === 'pay_now'
        ? 'pay now'
        : 'hold';

/**
 * A move's effect by the day, as the forecast computes it: runway days gained or lost (when cash goes
 * below zero within the 13 weeks) and the change of the lowest cash point.
 */
function dayText(d: DayImpact, currency: string): string {
  const days =
    d.runwayChangeDays === null
      ? ''
      : `${d.runwayChangeDays >= 0 ? '+' : ''}${d.runwayChangeDays} d, `;
  const low =
    d.lowestChangeCents === 0
      ? 'low ±0'
      : `low ${d.lowestChangeCents > 0 ? '+' : '-'}${money(Math.abs(d.lowestChangeCents), currency)}`;
  // The low of the days the move changes (the overall low often lies after every bill).
  const m = d.meantime;
  const meantime = m
    ? `, low to ${m.until.slice(5)} ${signed(m.lowestAfter.cashCents - m.lowestBefore.cashCents, currency)}`
    : '';
  return `${days}${low}${meantime}`;
}

const signed = (cents: number, currency: string): string =>
  cents === 0 ? '±0' : `${cents > 0 ? '+' : '-'}${money(Math.abs(cents), currency)}`;

export function registerConsole(program: Command, io: CliIo): void {
  program
    .command('console')
    .description(
      "a client's open bills, overdue / due this week / later, each with runway if paid now or delayed",
    )
    .option('--client <id>', 'the client (see `rowcol clients`)')
    .option(
      '--delay-to <date>',
      'compare paying now with delaying every bill to this date (default: 14 days after its due date)',
    )
    .option(
      '--move <bills>',
      'bulk re-date: bill ids, comma-separated, or overdue, due-this-week, later, all (mixable)',
    )
    .option('--by <days>', 'with --move: pay them N days later (negative: earlier)')
    .option('--to <date>', 'with --move: pay them on this date (YYYY-MM-DD)')
    .option('--pay-now', 'with --move: pay them now')
    .option('--record', 'with --move: record the decisions (without it, only show the effect)')
    .option('--note <text>', 'with --record: why')
    .option('--json', 'print JSON')
    .action(async (opts: MoveOptions & { client?: string; delayTo?: string }, cmd: Command) => {
      const businessId = requireClient(opts.client, 'console');
      const target = moveTarget(opts);
      if (target) {
        if (opts.delayTo !== undefined)
          throw new CliFailure('--delay-to is for the list; with --move use --to YYYY-MM-DD.', 2);
        return withSession(cmd.optsWithGlobals().dataDir, io, (s) =>
          runMoves(s, io, businessId, opts, target),
        );
      }
      const delayTo =
        opts.delayTo === undefined ? undefined : requireDay(opts.delayTo, '--delay-to');
      const v = await withSession(cmd.optsWithGlobals().dataDir, io, (s) =>
        s.call('console:list', { businessId, ...(delayTo ? { delayTo } : {}) }),
      );
      if (opts.json) return io.out(json(v));
      io.out(
        `${v.displayName} — cash ${money(v.runway.cashCents, v.homeCurrency)}, runway ${weeks(v.runway.runwayWeeks)} (${percent(v.runway.confidence)} of projected money in clean records), burn ${money(v.runway.weeklyBurnCents, v.homeCurrency)}/wk\n`,
      );
      const groups = [
        ['overdue', 'Overdue'],
        ['this_week', 'Due this week'],
        ['later', 'Later'],
      ] as const;
      for (const [key, title] of groups) {
        const bills = v.groups[key];
        io.out(
          `\n${title}: ${bills.length} bill${bills.length === 1 ? '' : 's'}, ${money(v.totals[key], v.homeCurrency)}\n`,
        );
        if (bills.length === 0) continue;
        io.out(
          table(
            [
              'BILL',
              'VENDOR',
              'DUE',
              'AMOUNT',
              'DECISION',
              'RUNWAY PAID NOW',
              'DELAY TO',
              'RUNWAY DELAYED',
              'BY THE DAY: NOW / DELAYED',
              'FLAGS',
            ],
            bills.map((b) => [
              b.docNumber ? `${b.qboId} #${b.docNumber}` : b.qboId,
              b.vendorName ?? '-',
              b.dueDate,
              money(b.balanceCents, b.currency),
              decisionText(b),
              weeks(b.runwayIfPaidNow),
              b.delayTo,
              weeks(b.runwayIfDelayed),
              b.dayImpact
                ? `${dayText(b.dayImpact.payNow, v.homeCurrency)} / ${dayText(b.dayImpact.delay, v.homeCurrency)}`
                : '-',
              b.flags.join(',') || '-',
            ]),
          ),
        );
      }
      if (v.settled.length) {
        io.out('\nDecisions QuickBooks has since settled:\n');
        io.out(
          table(
            ['BILL', 'DECIDED', 'PLANNED', 'OUTCOME', 'ON', 'DAYS LATE'],
            v.settled.map((d) => [
              d.billQboId,
              d.action,
              d.plannedDate ?? localDay(new Date(d.decidedAt)),
              d.outcome,
              d.outcomeDate ?? '-',
              d.daysLate === null ? '-' : String(d.daysLate),
            ]),
          ),
        );
      }
    });
}
