// `rowcol sync [--client ID | --all] [--strict] [--json]`: brings the mirror up to date, with a progress
// bar on a terminal and a summary at the end (records in, pages, requests, retries, errors).
import type { Command } from 'commander';
import { mirroredEntities } from '../../../core/mirror/entities.ts';
import type { SyncProgress, SyncRunResult } from '../../../core/sync.ts';
import { json, table } from '../format.ts';
import { CliFailure, type CliIo } from '../io.ts';
import { withSession } from '../session.ts';
import { firmSyncCommand, isFirmFolder, ownClientsToSync } from './firm.ts';

type SyncCliOptions = { client?: string; all?: boolean; strict?: boolean; json?: boolean };

export function registerSync(program: Command, io: CliIo): void {
  program
    .command('sync')
    .description(
      'bring the local mirror up to date with QuickBooks (default: every connected client)',
    )
    .option('--client <id>', 'sync one client (see `rowcol clients`)')
    .option('--all', 'sync every connected client')
    .option('--strict', 'ignore freshness policies and ask QuickBooks for everything due')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: SyncCliOptions, cmd: Command) => {
      if (opts.client && opts.all)
        throw new CliFailure('Give either --client ID or --all, not both.', 2);
      // Firm mode: the firm's clients come from its hub (push the work made here, then pull); this
      // desktop's own clients, if any, are synced with QuickBooks after.
      if (await isFirmFolder(cmd.optsWithGlobals().dataDir, io)) {
        await firmSyncCommand(cmd.optsWithGlobals().dataDir, io, opts);
        if (!(await ownClientsToSync(cmd.optsWithGlobals().dataDir, io, opts.client))) return;
      }
      const results = await withSession(
        cmd.optsWithGlobals().dataDir,
        io,
        async ({ runtime, call }) => {
          const clients = await call('clients:list', {});
          const ids = opts.client
            ? clients.filter((c) => c.businessId === opts.client).map((c) => c.businessId)
            : clients.filter((c) => c.connectionState === 'connected').map((c) => c.businessId);
          if (opts.client && ids.length === 0)
            throw new CliFailure(`No client ${opts.client}; see \`rowcol clients\`.`, 2);
          if (ids.length === 0)
            throw new CliFailure(
              'No connected clients. Connect one with `rowcol connect` (or `rowcol connect --demo`).',
              2,
            );
          // The progress bar is loaded only for a terminal that shows it.
          const { SingleBar, Presets } =
            io.isTTY && !opts.json
              ? await import('cli-progress')
              : { SingleBar: undefined, Presets: undefined };
          const bar =
            SingleBar && Presets
              ? new SingleBar(
                  {
                    format:
                      'syncing {bar} {value}/{total} entity loads | {records} records | {client}',
                    hideCursor: true,
                    stream: process.stderr,
                  },
                  Presets.shades_classic,
                )
              : undefined;
          let records = 0;
          const offProgress = runtime.on('sync:progress', (p: SyncProgress) => {
            if (!bar) return;
            if (p.done)
              bar.increment(p.entity === 'all' ? mirroredEntities.length - 1 : 1, {
                records: (records += p.records),
                client: p.businessId,
              });
            else bar.update({ client: `${p.businessId} ${p.entity} page ${p.pagesDone}` });
          });
          // Said plainly, even without a terminal: this command is waiting, not hanging.
          const offWaiting = runtime.on('sync:waiting', (w) =>
            io.err(
              `rowcol: another RowCol (${w.holder}) is syncing ${w.businessId}; waiting for it to finish.\n`,
            ),
          );
          bar?.start(ids.length * mirroredEntities.length, 0, { records: 0, client: '' });
          try {
            return await call('sync:run', {
              ...(opts.client ? { businessId: opts.client } : {}),
              strict: opts.strict,
            });
          } finally {
            bar?.stop();
            offProgress();
            offWaiting();
          }
        },
      );
      if (opts.json) io.out(json({ clients: results, totals: totals(results) }));
      else io.out(summary(results));
      const failed = results.filter((r) => !r.ok);
      if (failed.length)
        throw new CliFailure(
          `${failed.length} of ${results.length} client(s) did not sync: ${failed.map((r) => `${r.businessId}: ${r.error?.message ?? 'cancelled'}`).join('; ')}`,
        );
    });
}

function totals(results: readonly SyncRunResult[]) {
  const sum = (
    k: 'fetched' | 'stored' | 'rejected' | 'deleted' | 'pages' | 'requests' | 'retries' | 'errors',
  ) => results.reduce((n, r) => n + r[k], 0);
  return {
    clients: results.length,
    failed: results.filter((r) => !r.ok).length,
    recordsIn: sum('fetched'),
    stored: sum('stored'),
    rejected: sum('rejected'),
    deleted: sum('deleted'),
    pages: sum('pages'),
    requests: sum('requests'),
    retries: sum('retries'),
    errors: sum('errors'),
  };
}

function summary(results: readonly SyncRunResult[]): string {
  const rows = results.map((r) => [
    r.businessId,
    r.ok ? (r.mode === 'elsewhere' ? 'by another RowCol' : r.mode) : 'FAILED',
    String(r.fetched),
    String(r.rejected),
    String(r.pages),
    String(r.requests),
    String(r.retries),
    String(r.errors),
    `${(r.durationMs / 1000).toFixed(1)} s`,
  ]);
  const t = totals(results);
  return (
    table(
      [
        'CLIENT',
        'SYNC',
        'RECORDS IN',
        'REJECTED',
        'PAGES',
        'REQUESTS',
        'RETRIES',
        'ERRORS',
        'TIME',
      ],
      rows,
    ) +
    `\n${t.clients} client(s), ${t.recordsIn} records in (${t.stored} stored, ${t.rejected} rejected, ${t.deleted} deletions), ${t.pages} pages, ${t.requests} requests, ${t.retries} retries, ${t.errors} errors\n`
  );
}
