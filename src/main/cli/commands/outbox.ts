// `rowcol outbox [--client ID] [--state pending,conflict,…] [--json]`: the fixes recorded here and where
// each stands; `rowcol outbox --resolve FIX_ID (--mine | --theirs)` settles a conflict.
import type { Command } from 'commander';
import { fixStates, type FixState } from '../../../core/fixes.ts';
import { json, table } from '../format.ts';
import { CliFailure, type CliIo } from '../io.ts';
import { withSession } from '../session.ts';

type OutboxOptions = {
  client?: string;
  state?: string;
  resolve?: string;
  mine?: boolean;
  theirs?: boolean;
  json?: boolean;
};

const shown = (v: unknown): string =>
  v === null || v === undefined ? '-' : typeof v === 'string' ? v : JSON.stringify(v);

export function registerOutbox(program: Command, io: CliIo): void {
  program
    .command('outbox')
    .description(
      'the fixes recorded for QuickBooks and where each stands (pending, applied, conflict, …)',
    )
    .option('--client <id>', 'one client only')
    .option('--state <list>', `states to show, comma-separated (${fixStates.join(',')})`)
    .option('--resolve <fixId>', 'settle a conflict (or retry a failed fix with --mine)')
    .option('--mine', 'with --resolve: send my fix again on QuickBooks’ newer version')
    .option('--theirs', 'with --resolve: keep QuickBooks’ values and discard my fix')
    .option('--json', 'print JSON')
    .action(async (opts: OutboxOptions, cmd: Command) => {
      if (opts.resolve !== undefined) {
        if (!/^\d+$/.test(opts.resolve)) throw new CliFailure(`not a fix id: ${opts.resolve}`, 2);
        if (Boolean(opts.mine) === Boolean(opts.theirs))
          throw new CliFailure('--resolve needs --mine or --theirs.', 2);
        const fix = await withSession(cmd.optsWithGlobals().dataDir, io, ({ call }) =>
          call('outbox:resolve', {
            fixId: Number(opts.resolve),
            keep: opts.mine ? 'mine' : 'theirs',
          }),
        );
        return io.out(
          opts.json
            ? json(fix)
            : `Fix ${fix.id} is now ${fix.state}${fix.state === 'pending' ? ': it is sent at the next `rowcol sync`' : ''}.\n`,
        );
      }
      const states = opts.state?.split(',').map((x) => x.trim()) as FixState[] | undefined;
      const bad = states?.find((x) => !fixStates.includes(x));
      if (bad !== undefined)
        throw new CliFailure(`unknown state ${bad}; use ${fixStates.join(', ')}`, 2);
      const fixes = await withSession(cmd.optsWithGlobals().dataDir, io, ({ call }) =>
        call('outbox:list', {
          ...(opts.client ? { businessId: opts.client } : {}),
          ...(states ? { states } : {}),
        }),
      );
      if (opts.json) return io.out(json(fixes.map((f) => ({ ...f, clientId: f.businessId }))));
      if (fixes.length === 0) return io.out('The outbox is empty.\n');
      io.out(
        table(
          ['FIX', 'CLIENT', 'RECORD', 'STATE', 'WHAT', 'QBO HAD', 'QBO HAS NOW'],
          fixes.map((f) => [
            String(f.id),
            f.businessId,
            `${f.entity} ${f.qboId}`,
            f.state,
            f.summary + (f.reason && f.state !== 'applied' ? ` (${f.reason})` : ''),
            shown(Object.values(f.before)[0]),
            f.theirs ? shown(Object.values(f.theirs)[0]) : '',
          ]),
        ),
      );
    });
}
