// `rowcol scenario save|list|delete|compare`: the advisor's named what-ifs per client (issue 12 §4).
//   save    --client ID --name N, one or more of
//           --delay-bill ID:DATE | ID:+N   (pay the bill on that date, or N days later than now)
//           --invoice-paid ID:DATE         (the invoice paid on that date)
//           --one-off ±AMOUNT:DATE[:LABEL] (+ comes in, - goes out)
//           --recurring ±AMOUNT:CADENCE:FROM[:UNTIL]  (weekly, biweekly or every-2-weeks, monthly)
//           saving under an existing name replaces that scenario
//   list    --client ID
//   delete  --client ID --name N
//   compare --client ID [NAME…]  (default: every saved scenario) beside the baseline
import type { Command } from 'commander';
import { isIsoDay } from '../../../core/dates.ts';
import {
  describeChange,
  scenarioCadences,
  type ScenarioCadence,
  type ScenarioChange,
} from '../../../core/forecast/scenario.ts';
import type {
  ForecastSummary,
  SavedScenario,
  ScenarioComparison,
} from '../../../core/forecast/scenario-view.ts';
import { money, requireClient } from '../advisor-format.ts';
import { effectLine, runwayDaysText, signedMoney } from '../forecast-format.ts';
import { json, table } from '../format.ts';
import { CliFailure, type CliIo } from '../io.ts';
import { withSession } from '../session.ts';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function day(value: string, option: string, whole: string): string {
  if (!isIsoDay(value))
    throw new CliFailure(`${option} ${whole}: "${value}" is not a date (YYYY-MM-DD).`, 2);
  return value;
}

/** "+1,250.50" → 125050, "-300" → -30000; the sign is required so in and out are never mistaken. */
function signedCents(value: string, option: string, whole: string): number {
  const m = /^([+-])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(value);
  if (!m)
    throw new CliFailure(
      `${option} ${whole}: the amount needs a sign and looks like +1250 or -1250.50, not "${value}".`,
      2,
    );
  const cents = Number(m[2]!.replaceAll(',', '')) * 100 + Number((m[3] ?? '0').padEnd(2, '0'));
  return m[1] === '-' ? -cents : cents;
}

function idPart(value: string | undefined, option: string, whole: string, form: string): string {
  if (!value?.trim()) throw new CliFailure(`${option} ${whole}: expected ${form}.`, 2);
  return value.trim();
}

const cadenceWords: Record<string, ScenarioCadence> = {
  ...Object.fromEntries(scenarioCadences.map((c) => [c, c])),
  'every-2-weeks': 'biweekly',
  fortnightly: 'biweekly',
};

type SaveOptions = {
  delayBill?: string[];
  invoicePaid?: string[];
  oneOff?: string[];
  recurring?: string[];
};

/** The changes the options describe, or a one-line usage failure naming the bad one (exit 2). */
export function changesFrom(o: SaveOptions): ScenarioChange[] {
  const changes: ScenarioChange[] = [];
  for (const v of o.delayBill ?? []) {
    const [id, when, ...rest] = v.split(':');
    const form = 'BILL_ID:YYYY-MM-DD or BILL_ID:+DAYS';
    const billId = idPart(id, '--delay-bill', v, form);
    if (when === undefined || rest.length > 0)
      throw new CliFailure(`--delay-bill ${v}: expected ${form}.`, 2);
    if (/^[+-]\d{1,3}$/.test(when))
      changes.push({ kind: 'delay-bill-by', billId, days: Number(when) });
    else changes.push({ kind: 'delay-bill', billId, date: day(when, '--delay-bill', v) });
  }
  for (const v of o.invoicePaid ?? []) {
    const [id, when, ...rest] = v.split(':');
    const form = 'INVOICE_ID:YYYY-MM-DD';
    const invoiceId = idPart(id, '--invoice-paid', v, form);
    if (when === undefined || rest.length > 0)
      throw new CliFailure(`--invoice-paid ${v}: expected ${form}.`, 2);
    changes.push({ kind: 'invoice-paid', invoiceId, date: day(when, '--invoice-paid', v) });
  }
  for (const v of o.oneOff ?? []) {
    const [amount, when, ...label] = v.split(':');
    if (when === undefined)
      throw new CliFailure(`--one-off ${v}: expected ±AMOUNT:YYYY-MM-DD[:LABEL].`, 2);
    const text = label.join(':').trim();
    changes.push({
      kind: 'one-off',
      amountCents: signedCents(amount!, '--one-off', v),
      date: day(when, '--one-off', v),
      ...(text ? { label: text } : {}),
    });
  }
  for (const v of o.recurring ?? []) {
    const [amount, cadence, from, until, ...rest] = v.split(':');
    const form = '±AMOUNT:CADENCE:YYYY-MM-DD[:UNTIL] (CADENCE: weekly, biweekly, monthly)';
    if (from === undefined || rest.length > 0)
      throw new CliFailure(`--recurring ${v}: expected ${form}.`, 2);
    const c = cadenceWords[cadence!.toLowerCase()];
    if (!c)
      throw new CliFailure(
        `--recurring ${v}: the cadence is weekly, biweekly (every-2-weeks) or monthly, not "${cadence}".`,
        2,
      );
    changes.push({
      kind: 'recurring',
      amountCents: signedCents(amount!, '--recurring', v),
      cadence: c,
      from: day(from, '--recurring', v),
      ...(until !== undefined ? { until: day(until, '--recurring', v) } : {}),
    });
  }
  return changes;
}

function requireName(name: string | undefined, command: string): string {
  if (!name?.trim()) throw new CliFailure(`scenario ${command} needs --name NAME.`, 2);
  return name.trim();
}

function printScenario(io: CliIo, s: SavedScenario): void {
  const stale = new Map(s.noLongerApplies.map((c) => [c.index, c.reason]));
  io.out(`${s.name} (saved ${s.savedAt.slice(0, 10)}):\n`);
  s.changes.forEach((c, i) => {
    const why = stale.get(i);
    io.out(
      `  ${i + 1}. ${describeChange(c, s.homeCurrency)}${why ? ` — no longer applies: ${why}` : ''}\n`,
    );
  });
}

const endCash = (f: ForecastSummary) => f.projection.at(-1)!;

function printComparison(io: CliIo, c: ScenarioComparison): void {
  const m = (x: number) => money(x, c.homeCurrency);
  const columns = [
    { name: 'BASELINE', summary: c.baseline },
    ...c.scenarios.map((s) => ({ name: s.name, summary: s.summary })),
  ];
  const row = (label: string, cell: (f: ForecastSummary, i: number) => string) => [
    label,
    ...columns.map((col, i) => cell(col.summary, i)),
  ];
  const vs = (i: number) => (i === 0 ? null : c.scenarios[i - 1]!.vsBaseline);
  io.out(`Cash ${m(c.openingCashCents)} on ${c.today}.\n\n`);
  io.out(
    table(
      ['', ...columns.map((col) => col.name)],
      [
        row('Runway', (f) => runwayDaysText(f.runwayDays)),
        row('First below zero', (f) => f.firstBelowZero ?? '-'),
        row('Lowest point', (f) => m(f.lowest.cashCents)),
        row('Lowest on', (f) => f.lowest.date),
        row(`Cash on ${endCash(c.baseline).date}`, (f) => m(endCash(f).cashCents)),
        row('Lowest vs baseline', (_, i) =>
          vs(i) ? signedMoney(vs(i)!.lowestChangeCents, c.homeCurrency) : '-',
        ),
        row('Runway vs baseline', (_, i) =>
          vs(i) && vs(i)!.runwayChangeDays !== null
            ? `${vs(i)!.runwayChangeDays! >= 0 ? '+' : ''}${vs(i)!.runwayChangeDays} d`
            : '-',
        ),
        ...Array.from({ length: 13 }, (_, w) =>
          row(`Week from ${c.baseline.projection[w * 7]!.date}`, (f) =>
            m(f.projection[Math.min(w * 7 + 6, f.projection.length - 1)]!.cashCents),
          ),
        ),
      ],
    ),
  );
  io.out('(each week: cash at its end)\n');
  for (const s of c.scenarios)
    for (const x of s.noLongerApplies)
      io.out(
        `${s.name}: change ${x.index + 1} (${describeChange(x.change, c.homeCurrency)}) no longer applies: ${x.reason}\n`,
      );
}

export function registerScenario(program: Command, io: CliIo): void {
  const scenario = program
    .command('scenario')
    .description(
      "a client's named what-ifs: save, list, delete, compare with the baseline forecast",
    );
  const dataDir = (cmd: Command) => cmd.optsWithGlobals().dataDir as string | undefined;

  scenario
    .command('save')
    .description('create or replace a scenario (by name) from one or more changes')
    .option('--client <id>', 'the client (see `rowcol clients`)')
    .option('--name <name>', 'the scenario name (1-60 characters; an existing one is replaced)')
    .option(
      '--delay-bill <id:when>',
      'pay a bill on a date (ID:YYYY-MM-DD) or N days later (ID:+N)',
      collect,
    )
    .option('--invoice-paid <id:date>', 'an invoice paid on a date (ID:YYYY-MM-DD)', collect)
    .option(
      '--one-off <amount:date>',
      'an amount in (+) or out (-) on a date: ±AMOUNT:YYYY-MM-DD[:LABEL]',
      collect,
    )
    .option(
      '--recurring <amount:cadence:from>',
      'an amount in (+) or out (-) weekly, biweekly or monthly from a date: ±AMOUNT:CADENCE:FROM[:UNTIL]',
      collect,
    )
    .option('--json', 'print JSON')
    .action(
      async (
        opts: SaveOptions & { client?: string; name?: string; json?: boolean },
        cmd: Command,
      ) => {
        const businessId = requireClient(opts.client, 'scenario save');
        const name = requireName(opts.name, 'save');
        const changes = changesFrom(opts);
        if (changes.length === 0)
          throw new CliFailure(
            'scenario save needs at least one of --delay-bill, --invoice-paid, --one-off, --recurring.',
            2,
          );
        await withSession(dataDir(cmd), io, async ({ call }) => {
          const saved = await call('scenarios:save', { businessId, scenario: { name, changes } });
          const c = await call('forecast:compare', { businessId, scenarios: [saved.name] });
          if (opts.json) return io.out(json(saved));
          io.out(`Saved scenario for client ${businessId}: `);
          printScenario(io, saved);
          io.out(`${effectLine(c.baseline, c.scenarios[0]!.summary, c.homeCurrency)}\n`);
        });
      },
    );

  scenario
    .command('list')
    .description("a client's saved scenarios and their changes")
    .option('--client <id>', 'the client')
    .option('--json', 'print JSON')
    .action(async (opts: { client?: string; json?: boolean }, cmd: Command) => {
      const businessId = requireClient(opts.client, 'scenario list');
      await withSession(dataDir(cmd), io, async ({ call }) => {
        const list = await call('scenarios:list', { businessId });
        if (opts.json) return io.out(json(list));
        if (list.length === 0)
          return io.out(
            `No scenarios for client ${businessId} (rowcol scenario save to make one).\n`,
          );
        for (const s of list) printScenario(io, s);
      });
    });

  scenario
    .command('delete')
    .description('delete a saved scenario')
    .option('--client <id>', 'the client')
    .option('--name <name>', 'the scenario name')
    .option('--json', 'print JSON')
    .action(async (opts: { client?: string; name?: string; json?: boolean }, cmd: Command) => {
      const businessId = requireClient(opts.client, 'scenario delete');
      const name = requireName(opts.name, 'delete');
      await withSession(dataDir(cmd), io, async ({ call }) => {
        const left = await call('scenarios:delete', { businessId, name });
        if (opts.json) return io.out(json(left));
        io.out(`Deleted scenario "${name}"; ${left.length} left for client ${businessId}.\n`);
      });
    });

  scenario
    .command('compare')
    .description('the baseline forecast and scenarios side by side (default: every saved one)')
    .argument('[names...]', 'scenario names')
    .option('--client <id>', 'the client')
    .option('--json', 'print JSON')
    .action(async (names: string[], opts: { client?: string; json?: boolean }, cmd: Command) => {
      const businessId = requireClient(opts.client, 'scenario compare');
      const c = await withSession(dataDir(cmd), io, ({ call }) =>
        call('forecast:compare', { businessId, ...(names.length ? { scenarios: names } : {}) }),
      );
      if (opts.json) return io.out(json(c));
      printComparison(io, c);
    });
}
