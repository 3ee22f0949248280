// `rowcol sync [--client ID | --all] [--strict] [--json]`: brings the mirror up to date, with a progress
// bar on a terminal and a summary at the end (records in, pages, requests, retries, errors).
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { mirroredEntities } from '../../../core/mirror/entities.ts';
import type { SyncProgress, SyncRunResult } from '../../../core/sync.ts';
import { getClient, listClients } from '../../db/repositories/clients.ts';
import { toRunResult } from '../../sync/engine.ts';
import { openHeadlessSync } from '../../sync/headless.ts';
import { syncClients } from '../../sync/scheduler.ts';
import { json, table } from '../format.ts';
import { CliFailure, type CliIo } from '../io.ts';
import { withSession } from '../session.ts';

type SyncCliOptions = { client?: string; all?: boolean; strict?: boolean; json?: boolean };

export function registerSync(program: Command, io: CliIo): void {
  program
    .command('sync')
    .description('bring the local mirror up to date with QuickBooks (default: every connected client)')
    .option('--client <id>', 'sync one client (see `rowcol clients`)')
    .option('--all', 'sync every connected client')
    .option('--strict', 'ignore freshness policies and ask QuickBooks for everything due')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: SyncCliOptions, cmd: Command) => {
      if (opts.client && opts.all) throw new CliFailure('Give either --client ID or --all, not both.', 2);
      const pageSize = io.env.ROWCOL_SYNC_PAGE_SIZE;
      // QBO pages hold 1 to 1000 records: 0 would ask for the same page forever, more would be cut short.
      if (pageSize !== undefined && (!/^\d+$/.test(pageSize) || Number(pageSize) < 1 || Number(pageSize) > 1000)) {
        throw new CliFailure('ROWCOL_SYNC_PAGE_SIZE must be a whole number from 1 to 1000.', 2);
      }
      const results = await withSession(cmd.optsWithGlobals().dataDir, io, async ({ ctx }) => {
        let ids: string[];
        if (opts.client) {
          const client = getClient(ctx.db, ctx.advisorId, opts.client);
          if (!client) throw new CliFailure(`No client ${opts.client}; see \`rowcol clients\`.`, 2);
          ids = [client.businessId];
        } else {
          ids = listClients(ctx.db, ctx.advisorId)
            .filter((c) => c.connectionState === 'connected')
            .map((c) => c.businessId);
          if (ids.length === 0) throw new CliFailure('No connected clients. Connect one with `rowcol connect` (or `rowcol connect --demo`).', 2);
        }
        const bar = io.isTTY && !opts.json ? new SingleBar({ format: 'syncing {bar} {value}/{total} entity loads | {records} records | {client}', hideCursor: true, stream: process.stderr }, Presets.shades_classic) : undefined;
        let records = 0;
        const onProgress = (p: SyncProgress) => {
          if (!bar) return;
          if (p.done) bar.increment(p.entity === 'all' ? mirroredEntities.length - 1 : 1, { records: (records += p.records), client: p.businessId });
          else bar.update({ client: `${p.businessId} ${p.entity} page ${p.pagesDone}` });
        };
        // ROWCOL_SYNC_PAGE_SIZE: smaller pages, so tests can stop a sync between pages.
        const headless = await openHeadlessSync({ db: ctx.db, advisorId: ctx.advisorId, dataDir: ctx.dataDir, env: io.env }, ids, { onProgress, pageSize: pageSize ? Number(pageSize) : undefined });
        bar?.start(ids.length * mirroredEntities.length, 0, { records: 0, client: '' });
        try {
          return (await syncClients(headless.engine, { businessIds: ids, strict: opts.strict })).map(toRunResult);
        } finally {
          bar?.stop();
          await headless.close();
        }
      });
      if (opts.json) io.out(json({ clients: results, totals: totals(results) }));
      else io.out(summary(results));
      const failed = results.filter((r) => !r.ok);
      if (failed.length) throw new CliFailure(`${failed.length} of ${results.length} client(s) did not sync: ${failed.map((r) => `${r.businessId}: ${r.error?.message ?? 'cancelled'}`).join('; ')}`);
    });
}

function totals(results: readonly SyncRunResult[]) {
  const sum = (k: 'fetched' | 'stored' | 'rejected' | 'deleted' | 'pages' | 'requests' | 'retries' | 'errors') => results.reduce((n, r) => n + r[k], 0);
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
    r.ok ? r.mode : 'FAILED',
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
    table(['CLIENT', 'SYNC', 'RECORDS IN', 'REJECTED', 'PAGES', 'REQUESTS', 'RETRIES', 'ERRORS', 'TIME'], rows) +
    `\n${t.clients} client(s), ${t.recordsIn} records in (${t.stored} stored, ${t.rejected} rejected, ${t.deleted} deletions), ${t.pages} pages, ${t.requests} requests, ${t.retries} retries, ${t.errors} errors\n`
  );
}
