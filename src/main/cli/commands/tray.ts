// `rowcol tray --client ID`: the client's hygiene items; --approve/--exclude/--reopen ITEM to decide one;
// --recheck recomputes the tray first (after changing the thresholds: reading never recomputes).
import type { Command } from 'commander';
import type { TrayStatus } from '../../../core/advisor-work.ts';
import type { SyncProblem } from '../../../core/tray/sync-problem.ts';
import { money, requireClient } from '../advisor-format.ts';
import { json, table } from '../format.ts';
import { CliFailure, type CliIo } from '../io.ts';
import { withSession } from '../session.ts';

const statuses: TrayStatus[] = ['open', 'approved', 'excluded', 'resolved'];

/** A client's sync problem as one line, with the command that fixes it. */
function syncLine(p: SyncProblem): string {
  const fix =
    p.action === 'reconnect'
      ? `reconnect it: rowcol connect${p.environment === 'custom' ? ' --demo' : p.environment === 'sandbox' ? ' --sandbox' : ''}`
      : `sync again: rowcol sync --client ${p.businessId}`;
  return `Sync: ${p.title}${p.detail ? ` (${p.detail})` : ''}; ${fix}\n`;
}

function itemId(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new CliFailure(`not a tray item id: ${v}`, 2);
  return n;
}

export function registerTray(program: Command, io: CliIo): void {
  program
    .command('tray')
    .description("a client's hygiene tray: what makes the runway wrong or the books untrustworthy")
    .option('--client <id>', 'the client (see `rowcol clients`)')
    .option(
      '--status <list>',
      `item statuses to show, comma-separated (${statuses.join(',')})`,
      'open',
    )
    .option('--approve <item>', 'accept an item as it is')
    .option('--exclude <item>', 'turn the rule off for that record')
    .option('--reopen <item>', 'undo an approve or exclude')
    .option(
      '--recheck',
      'recompute the tray now with the current tray thresholds (rowcol settings), then list it',
    )
    .option('--note <text>', 'why (with --approve, --exclude or --reopen)')
    .option('--json', 'print JSON')
    .action(
      async (
        opts: {
          client?: string;
          status: string;
          approve?: string;
          exclude?: string;
          reopen?: string;
          recheck?: boolean;
          note?: string;
          json?: boolean;
        },
        cmd: Command,
      ) => {
        const businessId = requireClient(opts.client, 'tray');
        const decisions = (['approve', 'exclude', 'reopen'] as const).filter(
          (d) => opts[d] !== undefined,
        );
        if (decisions.length > 1)
          throw new CliFailure('use one of --approve, --exclude, --reopen', 2);
        const wanted = opts.status.split(',').map((x) => x.trim()) as TrayStatus[];
        const bad = wanted.find((x) => !statuses.includes(x));
        if (bad !== undefined)
          throw new CliFailure(`unknown status ${bad}; use ${statuses.join(', ')}`, 2);
        const decision = decisions[0];
        await withSession(cmd.optsWithGlobals().dataDir, io, async (s) => {
          if (decision) {
            const item = await s.call('tray:decide', {
              businessId,
              itemId: itemId(opts[decision]!),
              decision,
              note: opts.note ?? null,
            });
            return io.out(
              opts.json ? json(item) : `Item ${item.id} (${item.code}) is now ${item.status}.\n`,
            );
          }
          if (opts.recheck) await s.call('tray:recheck', { businessId });
          const items = await s.call('tray:list', { businessId, statuses: wanted });
          if (opts.json) return io.out(json(items));
          // Sync problems are the client's state, not items: one line above the list, with what to do.
          const problem = await s.call('sync:problem', { businessId });
          if (problem) io.out(syncLine(problem));
          if (items.length === 0) return io.out(`Nothing in the tray for ${businessId}.\n`);
          io.out(
            table(
              ['ID', 'SEVERITY', 'CODE', 'STATUS', 'RECORDS', 'AMOUNT', 'WHAT'],
              items.map((i) => [
                String(i.id),
                i.severity,
                i.code,
                i.status,
                i.entity ? `${i.entity} ${i.qboIds.join(',')}` : '-',
                money(i.amountCents, i.currency),
                i.title + (i.fixes ?? []).map((f) => ` [fix ${f.id} ${f.state}]`).join(''),
              ]),
            ),
          );
        });
      },
    );
}
