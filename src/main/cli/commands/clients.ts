// `rowcol clients`: the client list with cash, runway in days, the lowest point, confidence, open items,
// bills due, receivables, sync, health and tags; `--tag` / `--untag` set the advisor's tags on a client.
import type { Command } from 'commander';
import type { ClientOverview } from '../../../core/advisor-work.ts';
import { localDay } from '../../../core/dates.ts';
import { confidenceWords } from '../../../core/digest/confidence.ts';
import { horizonDays } from '../../../core/forecast/projection.ts';
import { age, money } from '../advisor-format.ts';
import { json, table } from '../format.ts';
import { CliFailure, type CliIo } from '../io.ts';
import { clockFrom, withSession } from '../session.ts';

const healthRank = { red: 0, amber: 1, green: 2 } as const;
const never = Number.POSITIVE_INFINITY;
/** Runway for sorting: a client above zero throughout sorts after every dated runway, never-synced last. */
const runwayKey = (c: ClientOverview) =>
  c.figures === null ? never : (c.figures.runwayDays ?? horizonDays);

/** Sort keys: the most urgent first where that is the natural reading (runway, health, items, overdue). */
// One collator for the whole sort: localeCompare with options builds a new one on every comparison.
const byName = new Intl.Collator(undefined, { sensitivity: 'base' });

export const clientSorts: Record<string, (a: ClientOverview, b: ClientOverview) => number> = {
  name: (a, b) => byName.compare(a.displayName, b.displayName),
  cash: (a, b) => (a.figures?.cashCents ?? never) - (b.figures?.cashCents ?? never),
  runway: (a, b) => runwayKey(a) - runwayKey(b),
  lowest: (a, b) => (a.figures?.lowest.cashCents ?? never) - (b.figures?.lowest.cashCents ?? never),
  health: (a, b) => healthRank[a.health] - healthRank[b.health] || runwayKey(a) - runwayKey(b),
  items: (a, b) =>
    b.openItems.high - a.openItems.high ||
    b.openItems.medium - a.openItems.medium ||
    b.openItems.low - a.openItems.low,
  overdue: (a, b) =>
    (b.figures?.overdueReceivables.cents ?? -1) - (a.figures?.overdueReceivables.cents ?? -1),
  sync: (a, b) => (b.syncAgeHours ?? never) - (a.syncAgeHours ?? never),
};

const runwayText = (days: number | null): string =>
  days === null ? `${horizonDays}+ days` : days === 1 ? '1 day' : `${days} days`;

const counted = (c: { count: number; cents: number }, currency: string) =>
  `${c.count} · ${money(c.cents, currency)}`;

function row(c: ClientOverview): string[] {
  const f = c.figures;
  const notYet = 'not synced yet';
  return [
    c.businessId,
    c.displayName,
    f ? c.health : 'not synced',
    f ? money(f.cashCents, c.homeCurrency) : notYet,
    f ? runwayText(f.runwayDays) : '-',
    f ? `${money(f.lowest.cashCents, c.homeCurrency)} ${f.lowest.date}` : '-',
    f ? confidenceWords(f.confidence).level : '-',
    `${c.openItems.high}/${c.openItems.medium}/${c.openItems.low}`,
    f ? counted(f.billsDueThisWeek, c.homeCurrency) : '-',
    f ? counted(f.overdueReceivables, c.homeCurrency) : '-',
    age(c.syncAgeHours),
    c.syncProblem ? `${c.connectionState} (${c.syncProblem.code})` : c.connectionState,
    c.tags.join(', '),
  ];
}

/** `--tag ID TAG…` / `--untag ID TAG…`: the client and its tags, or a one-line usage failure. */
function tagArgs(values: string[], option: string): { businessId: string; tags: string[] } {
  const [businessId, ...tags] = values;
  if (!businessId?.trim() || tags.length === 0)
    throw new CliFailure(`${option} needs a client id and at least one tag: ${option} ID TAG`, 2);
  return { businessId: businessId.trim(), tags };
}

export function registerClients(program: Command, io: CliIo): void {
  program
    .command('clients')
    .description(
      'every client with cash, runway in days, lowest point, confidence, open tray items, bills due this week, overdue receivables, last sync, health and tags',
    )
    .option('--json', 'print JSON instead of a table')
    .option('--sort <key>', `sort by ${Object.keys(clientSorts).join('|')}`, 'name')
    .option(
      '--health <list>',
      'only these health statuses, comma-separated (red,amber,green; red includes never synced)',
    )
    .option('--search <text>', 'only clients whose name or id contains this text')
    .option('--tagged <tag>', 'only clients with this tag')
    .option('--tag <id-and-tags...>', 'add tags to a client: --tag ID TAG [TAG…]')
    .option('--untag <id-and-tags...>', 'remove tags from a client: --untag ID TAG [TAG…]')
    .action(
      async (
        opts: {
          json?: boolean;
          sort: string;
          health?: string;
          search?: string;
          tagged?: string;
          tag?: string[];
          untag?: string[];
        },
        cmd: Command,
      ) => {
        const dataDir = cmd.optsWithGlobals<{ dataDir?: string }>().dataDir;
        if (opts.tag || opts.untag) {
          const add = opts.tag ? tagArgs(opts.tag, '--tag') : undefined;
          const remove = opts.untag ? tagArgs(opts.untag, '--untag') : undefined;
          if (add && remove && add.businessId !== remove.businessId)
            throw new CliFailure('--tag and --untag name two different clients; one at a time.', 2);
          const r = await withSession(dataDir, io, (s) =>
            s.call('clients:tag', {
              businessId: (add ?? remove)!.businessId,
              add: add?.tags,
              remove: remove?.tags,
            }),
          );
          if (opts.json) return io.out(json(r));
          return io.out(
            `${r.businessId}: ${r.tags.length ? `tags ${r.tags.join(', ')}` : 'no tags'}\n`,
          );
        }
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
        const all = await withSession(dataDir, io, (s) => s.call('clients:overview', {}));
        const needle = opts.search?.toLowerCase();
        const tagged = opts.tagged?.trim().toLowerCase();
        const clients = all
          .filter((c) => !healths || healths.includes(c.health))
          .filter(
            (c) =>
              !needle ||
              c.displayName.toLowerCase().includes(needle) ||
              c.businessId.toLowerCase().includes(needle),
          )
          .filter((c) => !tagged || c.tags.some((t) => t.toLowerCase() === tagged))
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
              'LOWEST',
              'CONFIDENCE',
              'ITEMS H/M/L',
              'BILLS DUE 7D',
              'OVERDUE AR',
              'SYNCED',
              'CONNECTION',
              'TAGS',
            ],
            clients.map(row),
          ),
        );
        // The figures are the writers' (kept at each sync, decision and day change): say when they are
        // of an earlier day than today, and what brings them to today.
        const today = localDay(clockFrom(io.env)());
        const older = clients.filter((c) => c.figures && c.computedOn && c.computedOn < today);
        if (older.length)
          io.out(
            `\n${older.length} client(s) show figures computed on an earlier day (${older[0]!.computedOn}); \`rowcol sync\` or \`rowcol tray --recheck\` brings them to today.\n`,
          );
      },
    );
}
