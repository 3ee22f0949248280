// `rowcol clients`: the client list with cash, runway, open items, bills due, receivables, sync and health.
import type { Command } from 'commander';
import type { ClientOverview } from '../../../core/advisor-work.ts';
import { age, money, percent, weeks } from '../advisor-format.ts';
import { json, table } from '../format.ts';
import { CliFailure, type CliIo } from '../io.ts';
import { withSession } from '../session.ts';

const healthRank = { red: 0, amber: 1, green: 2 } as const;
const runwayKey = (c: ClientOverview) => c.runwayWeeks ?? Number.POSITIVE_INFINITY;

/** Sort keys: the most urgent first where that is the natural reading (runway, health, items, overdue). */
// One collator for the whole sort: localeCompare with options builds a new one on every comparison.
const byName = new Intl.Collator(undefined, { sensitivity: 'base' });

export const clientSorts: Record<string, (a: ClientOverview, b: ClientOverview) => number> = {
  name: (a, b) => byName.compare(a.displayName, b.displayName),
  cash: (a, b) => a.cashCents - b.cashCents,
  runway: (a, b) => runwayKey(a) - runwayKey(b),
  health: (a, b) => healthRank[a.health] - healthRank[b.health] || runwayKey(a) - runwayKey(b),
  items: (a, b) =>
    b.openItems.high - a.openItems.high ||
    b.openItems.medium - a.openItems.medium ||
    b.openItems.low - a.openItems.low,
  overdue: (a, b) => b.overdueReceivables.cents - a.overdueReceivables.cents,
  sync: (a, b) =>
    (b.syncAgeHours ?? Number.POSITIVE_INFINITY) - (a.syncAgeHours ?? Number.POSITIVE_INFINITY),
};

export function registerClients(program: Command, io: CliIo): void {
  program
    .command('clients')
    .description(
      'every client with cash, runway, open tray items, bills due this week, overdue receivables, last sync and health',
    )
    .option('--json', 'print JSON instead of a table')
    .option('--sort <key>', `sort by ${Object.keys(clientSorts).join('|')}`, 'name')
    .option('--health <list>', 'only these health statuses, comma-separated (red,amber,green)')
    .option('--search <text>', 'only clients whose name or id contains this text')
    .action(
      async (
        opts: { json?: boolean; sort: string; health?: string; search?: string },
        cmd: Command,
      ) => {
        const sort = clientSorts[opts.sort];
        if (!sort)
          throw new CliFailure(
            `unknown --sort ${opts.sort}; use one of ${Object.keys(clientSorts).join(', ')}`,
            2,
          );
        const healths = opts.health?.split(',').map((h) => h.trim().toLowerCase());
        const bad = healths?.find((h) => !(h in healthRank));
        if (bad !== undefined)
          throw new CliFailure(`unknown health status ${bad}; use red, amber or green`, 2);
        const all = await withSession(cmd.optsWithGlobals().dataDir, io, (s) =>
          s.call('clients:overview', {}),
        );
        const needle = opts.search?.toLowerCase();
        const clients = all
          .filter((c) => !healths || healths.includes(c.health))
          .filter(
            (c) =>
              !needle ||
              c.displayName.toLowerCase().includes(needle) ||
              c.businessId.toLowerCase().includes(needle),
          )
          .sort((a, b) => sort(a, b) || a.businessId.localeCompare(b.businessId));
        if (opts.json) return io.out(json(clients));
        if (all.length === 0)
          return io.out(
            'No clients yet. Connect one with `rowcol connect` (or try `rowcol connect --demo`).\n',
          );
        if (clients.length === 0) return io.out('No client matches.\n');
        io.out(
          table(
            [
              'CLIENT',
              'NAME',
              'HEALTH',
              'CASH',
              'RUNWAY',
              'CONF',
              'ITEMS H/M/L',
              'BILLS DUE 7D',
              'OVERDUE AR',
              'SYNCED',
              'CONNECTION',
            ],
            clients.map((c) => [
              c.businessId,
              c.displayName,
              c.health,
              money(c.cashCents, c.homeCurrency),
              weeks(c.runwayWeeks),
              percent(c.confidence),
              `${c.openItems.high}/${c.openItems.medium}/${c.openItems.low}`,
              `${c.billsDueThisWeek.count} · ${money(c.billsDueThisWeek.cents, c.homeCurrency)}`,
              `${c.overdueReceivables.count} · ${money(c.overdueReceivables.cents, c.homeCurrency)}`,
              age(c.syncAgeHours),
              c.connectionState,
            ]),
          ),
        );
      },
    );
}
