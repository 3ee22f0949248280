// `rowcol calls`: one collections call list across all clients; `rowcol call` logs a call.
import type { Command } from 'commander';
import { callOutcomes } from '../../../core/advisor-work.ts';
import { money, moneyByCurrency, requireClient, requireDay } from '../advisor-format.ts';
import { json, table } from '../format.ts';
import { CliFailure, type CliIo } from '../io.ts';
import { withSession } from '../session.ts';
import { localDay } from '../../../core/dates.ts';

export function registerCalls(program: Command, io: CliIo): void {
  program
    .command('calls')
    .description('invoices 30+ days overdue across every client (30 / 60 / 90+), calls due first')
    .option('--client <id>', 'only this client')
    .option('--json', 'print JSON')
    .action(async (opts: { client?: string; json?: boolean }, cmd: Command) => {
      const list = await withSession(cmd.optsWithGlobals().dataDir, io, (s) =>
        s.call('calls:list', opts.client ? { businessId: opts.client } : {}),
      );
      if (opts.json) return io.out(json(list));
      if (list.entries.length === 0) return io.out('No invoice is 30 or more days overdue.\n');
      io.out(
        table(
          [
            'DUE?',
            'CLIENT',
            'INVOICE',
            'CUSTOMER',
            'DAYS',
            'BUCKET',
            'BALANCE',
            'LAST CALL',
            'PROMISED',
            'FOLLOW UP',
          ],
          list.entries.map((e) => [
            e.due ? 'call' : '',
            e.clientName,
            e.docNumber ? `${e.invoiceQboId} #${e.docNumber}` : e.invoiceQboId,
            e.customerName ?? '-',
            String(e.daysOverdue),
            e.bucket,
            money(e.balanceCents, e.currency),
            e.lastCall ? `${e.lastCall.outcome} ${localDay(new Date(e.lastCall.calledAt))}` : '-',
            e.lastCall?.promisedDate ?? '-',
            e.lastCall?.followUpOn ?? '-',
          ]),
        ),
      );
      const t = list.totals;
      io.out(
        `\n30-59 days: ${t['30'].count} · ${moneyByCurrency(t['30'].byCurrency)}   60-89 days: ${t['60'].count} · ${moneyByCurrency(t['60'].byCurrency)}   90+ days: ${t['90+'].count} · ${moneyByCurrency(t['90+'].byCurrency)}\n`,
      );
    });

  program
    .command('call')
    .description('log a collections call on an invoice')
    .option('--client <id>', 'the client')
    .option('--invoice <qboId>', 'the invoice (its QuickBooks id)')
    .option('--outcome <outcome>', callOutcomes.join('|'))
    .option('--promised <date>', 'the date the customer promised to pay (YYYY-MM-DD)')
    .option('--follow-up <date>', 'when to call again (YYYY-MM-DD)')
    .option('--note <text>', 'what was said')
    .option('--json', 'print JSON')
    .action(
      async (
        opts: {
          client?: string;
          invoice?: string;
          outcome?: string;
          promised?: string;
          followUp?: string;
          note?: string;
          json?: boolean;
        },
        cmd: Command,
      ) => {
        const businessId = requireClient(opts.client, 'call');
        if (!opts.invoice?.trim())
          throw new CliFailure('call needs --invoice QBO_ID (see `rowcol calls`).', 2);
        const outcome = callOutcomes.find((o) => o === opts.outcome);
        if (!outcome)
          throw new CliFailure(`call needs --outcome, one of ${callOutcomes.join(', ')}.`, 2);
        const arg = {
          businessId,
          invoiceQboId: opts.invoice.trim(),
          outcome,
          promisedDate:
            opts.promised === undefined ? null : requireDay(opts.promised, '--promised'),
          followUpOn: opts.followUp === undefined ? null : requireDay(opts.followUp, '--follow-up'),
          note: opts.note ?? null,
        };
        const r = await withSession(cmd.optsWithGlobals().dataDir, io, (s) =>
          s.call('calls:record', arg),
        );
        io.out(opts.json ? json(r) : `Logged call ${r.callId} on invoice ${arg.invoiceQboId}.\n`);
      },
    );
}
