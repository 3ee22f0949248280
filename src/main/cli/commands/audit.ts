// `rowcol audit --client ID [--after N] [--limit N] [--json]`: a firm client's audit trail on the hub (who
// changed what, when; both versions of a concurrent edit), for reviewers and admins (firm:audit).
import type { Command } from 'commander';
import { json, table } from '../format.ts';
import { CliFailure, type CliIo } from '../io.ts';
import { withSession } from '../session.ts';

type AuditOptions = { client: string; after?: string; limit?: string; json?: boolean };

const whole = (name: string, v: string | undefined, max: number): number | undefined => {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) > max)
    throw new CliFailure(`--${name} must be a whole number from 0 to ${max}, not "${v}".`, 2);
  return Number(v);
};

/** A version's body in a few words: its action or status, and its note. */
const gist = (version: unknown): string => {
  const v = version as { by?: string; body?: Record<string, unknown> } | null;
  if (!v?.body) return '';
  const b = v.body;
  const what = [b.action, b.status, b.outcome, b.plannedDate, b.note ?? b.text]
    .filter((x) => typeof x === 'string' && x)
    .join(' ');
  return `${v.by ?? '?'}: ${what}`;
};

export function registerAudit(program: Command, io: CliIo): void {
  program
    .command('audit')
    .description(
      "a firm client's audit trail on the hub: who changed what and when (reviewers, admins)",
    )
    .requiredOption('--client <id>', 'the client (see `rowcol clients`)')
    .option('--after <n>', 'only entries after this one (paging)')
    .option('--limit <n>', 'at most this many entries (default 200)')
    .option('--json', 'print the entries as JSON, with both versions whole')
    .action(async (o: AuditOptions, cmd: Command) => {
      const after = whole('after', o.after, 1e15);
      const limit = whole('limit', o.limit, 1000);
      await withSession(cmd.optsWithGlobals().dataDir, io, async ({ call }) => {
        const r = await call('firm:audit', {
          businessId: o.client,
          ...(after !== undefined ? { after } : {}),
          ...(limit !== undefined ? { limit } : {}),
        });
        if (o.json) return io.out(json(r));
        const rows = r.entries.map((e) => [
          String(e.id),
          e.at,
          e.by ?? '(hub)',
          e.action,
          e.kind && e.itemKey ? `${e.kind} ${e.itemKey}` : '',
          e.action === 'concurrent-edit'
            ? `${gist(e.after)} (replaced ${gist(e.before)})`
            : (e.detail ?? gist(e.after)),
        ]);
        io.out(
          rows.length
            ? table(['#', 'AT', 'BY', 'ACTION', 'ITEM', 'WHAT'], rows)
            : 'Nothing in the audit trail yet.\n',
        );
        if (r.more)
          io.out(`More: rowcol audit --client ${o.client} --after ${r.entries.at(-1)!.id}\n`);
      });
    });
}
