// `rowcol hub`: the firm's headless server (src/main/hub/hub.ts). Without DATABASE_URL it runs on the
// embedded PostgreSQL (PGlite) under <dataDir>/hub-db; with it, on that PostgreSQL, shared by as many hub
// processes as the firm runs. `--once` runs one refresh of every company (and the outbox) and exits.
// `rowcol hub connect` adds a QBO company: prints the authorize URL alone on one stdout line, waits for
// the browser to come back, seals the tokens with the hub key. `rowcol hub status` lists the companies.
import type { Command } from 'commander';
import { defaultDataDir } from '../../paths.ts';
import { resolveEndpoints, type QboEndpoints } from '../../qbo/endpoints.ts';
import { CliFailure, type CliIo } from '../io.ts';
import { addHubApiOptions, startHubApiFromOptions, type HubApiOptions } from './hub-api.ts';
import { registerHubAdvisorCommands } from './hub-advisors.ts';

type DbOpts = { databaseUrl?: string };
type RunOpts = DbOpts &
  HubApiOptions & {
    workers?: string;
    once?: boolean;
    leaseSeconds?: string;
    intervalSeconds?: string;
    pageSize?: string;
  };
type ConnectOpts = DbOpts & { port?: string; timeout?: string; apiBaseUrl?: string };

function whole(
  name: string,
  value: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
    throw new CliFailure(
      `--${name} must be a whole number from ${min} to ${max}, not "${value}".`,
      2,
    );
  return Number(value);
}

function databaseUrlOf(opts: DbOpts, io: CliIo): string | undefined {
  const url = opts.databaseUrl ?? (io.env.DATABASE_URL?.trim() || undefined);
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url))
    throw new CliFailure(
      `the database URL must start with postgresql:// (got "${url.replace(/\/\/[^@/]*@/, '//…@')}").`,
      2,
    );
  return url;
}

const dataDirOf = (cmd: Command, io: CliIo): string =>
  (cmd.optsWithGlobals() as { dataDir?: string }).dataDir ?? defaultDataDir(io.env);

/** Where QBO and Intuit's OAuth are (env ROWCOL_QBO_*), as `rowcol connect` finds them. */
const endpointsOf = (io: CliIo, apiBaseUrl?: string): QboEndpoints =>
  resolveEndpoints({ apiBaseUrl }, io.env);

/** A database that cannot be reached, a key that does not fit: one line, never a stack. */
function oneLine(error: unknown, databaseUrl: string | undefined): never {
  const e = error as { code?: string; message?: string };
  if (error instanceof CliFailure) throw error;
  if (e?.code === 'ECONNREFUSED' || e?.code === 'ENOENT' || e?.code === 'ENOTFOUND')
    throw new CliFailure(`cannot reach the hub's PostgreSQL (${e.code}); check DATABASE_URL.`);
  if (databaseUrl && typeof e?.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code))
    throw new CliFailure(`the hub's PostgreSQL refused: ${e.message}`);
  throw error;
}

export function registerHub(program: Command, io: CliIo): void {
  const hub = program
    .command('hub')
    .description(
      "run the firm's hub: syncs every connected QBO company into PostgreSQL (embedded, or DATABASE_URL) and sends the outbox",
    )
    .option(
      '--database-url <url>',
      'PostgreSQL to use (env DATABASE_URL); default: embedded under <data-dir>/hub-db',
    )
    .option('--workers <n>', 'sync workers in this process (default 2)')
    .option('--once', 'one refresh of every company and the outbox, then exit')
    .option(
      '--lease-seconds <n>',
      "how long a worker's job lease lasts without renewal (default 60)",
    )
    .option(
      '--interval-seconds <n>',
      'a refresh of every company at most this often, fleet-wide (default 900)',
    )
    .option('--page-size <n>', 'records per full-load page (default 1000)');
  addHubApiOptions(hub).action(async (opts: RunOpts, cmd: Command) => {
    const workers = whole('workers', opts.workers, 1, 64);
    const leaseSeconds = whole('lease-seconds', opts.leaseSeconds, 1, 3600);
    const intervalSeconds = whole('interval-seconds', opts.intervalSeconds, 0, 86_400);
    const pageSize = whole('page-size', opts.pageSize, 1, 1000);
    const databaseUrl = databaseUrlOf(opts, io);
    const { openHub, refreshOnce, runHub } = await import('../../hub/hub.ts');
    const hubProcess = await openHub({
      databaseUrl,
      dataDir: dataDirOf(cmd, io),
      env: io.env,
      endpoints: endpointsOf(io),
      workers,
      leaseSeconds,
      intervalSeconds,
      pageSize,
      log: (line) => io.err(`${line}\n`),
    }).catch((e) => oneLine(e, databaseUrl));
    try {
      const where = databaseUrl ? 'PostgreSQL at DATABASE_URL' : 'the embedded database';
      if (hubProcess.key.created)
        io.err(`A new hub key was made in ${hubProcess.key.file} (mode 0600); keep a copy.\n`);
      // Ctrl-C or SIGTERM: the job in hand is given back after its page, so another worker goes on at once.
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        if (opts.once) {
          const s = await refreshOnce(hubProcess, stop.signal);
          const done = s.jobs.filter((j) => j.kind === 'done').length;
          const failed = s.jobs.filter((j) => j.kind === 'failed').length;
          io.out(
            `Refresh ${s.refreshId} on ${where}: ${done} companies synced by this process, ${failed} failed; ${s.outbox.filter((e) => e.state === 'applied').length} fixes applied\n`,
          );
          if (failed > 0) throw new CliFailure(`${failed} company syncs failed (see above).`);
          return;
        }
        // The firm's desktops sign in and pull through the hub's API (src/main/hub/api), served
        // as long as the hub runs.
        const api = await startHubApiFromOptions(hubProcess.db, opts, io);
        io.err(
          `rowcol hub running on ${where}; desktops sign in at ${api.url}; stop with Ctrl-C\n`,
        );
        try {
          await runHub(hubProcess, stop.signal);
        } finally {
          await api.close();
        }
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    } finally {
      await hubProcess.close();
    }
  });

  hub
    .command('connect')
    .description(
      'connect a QuickBooks Online company to the hub: prints the authorize URL, then waits for the browser',
    )
    .option(
      '--database-url <url>',
      'PostgreSQL to use (env DATABASE_URL); default: embedded under <data-dir>/hub-db',
    )
    .option('--api-base-url <url>', 'QBO API base URL (env ROWCOL_QBO_API_BASE_URL)')
    .option(
      '--port <n>',
      'port of the one-time redirect listener on 127.0.0.1 (default: any free one)',
    )
    .option('--timeout <seconds>', 'how long to wait for the browser (default 300)')
    .action(async (opts: ConnectOpts, cmd: Command) => {
      const port = whole('port', opts.port, 0, 65535);
      const timeoutSeconds = whole('timeout', opts.timeout, 1, 3600) ?? 300;
      const databaseUrl = databaseUrlOf({ ...(cmd.parent?.opts() as DbOpts), ...opts }, io);
      const endpoints = endpointsOf(io, opts.apiBaseUrl);
      if (!endpoints.clientId || !endpoints.clientSecret)
        throw new CliFailure(
          'the Intuit app keys are missing: set ROWCOL_QBO_CLIENT_ID and ROWCOL_QBO_CLIENT_SECRET.',
          2,
        );
      const [{ openHub }, { beginConnection }, { saveHubConnection }, { QboClient }] =
        await Promise.all([
          import('../../hub/hub.ts'),
          import('../../oauth/connect.ts'),
          import('../../hub/connect.ts'),
          import('../../qbo/client.ts'),
        ]);
      const hubProcess = await openHub({
        databaseUrl,
        dataDir: dataDirOf(cmd, io),
        env: io.env,
        endpoints,
      }).catch((e) => oneLine(e, databaseUrl));
      const qbo = new QboClient({ apiBaseUrl: endpoints.apiBaseUrl });
      try {
        const pending = await beginConnection(endpoints, {
          host: '127.0.0.1',
          port,
          timeoutMs: timeoutSeconds * 1000,
        });
        try {
          io.out(`${pending.authorizeUrl}\n`);
          if (io.isTTY)
            io.err(
              'Open the address above in a browser and approve access; waiting for QuickBooks…\n',
            );
          const c = await saveHubConnection(
            hubProcess.db,
            hubProcess.sealer,
            qbo,
            await pending.tokens,
          );
          io.out(`Connected ${c.name} (company ${c.companyId}, realm ${c.realmId}) to the hub\n`);
        } finally {
          await pending.cancel();
        }
      } finally {
        await qbo.close();
        await hubProcess.close();
      }
    });

  hub
    .command('status')
    .description("the hub's companies: connection, records mirrored, last sync job")
    .option(
      '--database-url <url>',
      'PostgreSQL to use (env DATABASE_URL); default: embedded under <data-dir>/hub-db',
    )
    .option('--json', 'one JSON object')
    .action(async (opts: DbOpts & { json?: boolean }, cmd: Command) => {
      const databaseUrl = databaseUrlOf({ ...(cmd.parent?.opts() as DbOpts), ...opts }, io);
      const [{ openHubDb }, { hubStatus }] = await Promise.all([
        import('../../hub/db/open.ts'),
        import('../../hub/status.ts'),
      ]);
      const db = await openHubDb({
        databaseUrl,
        dataDir: dataDirOf(cmd, io),
        forReading: true,
      }).catch((e) => oneLine(e, databaseUrl));
      try {
        const s = await hubStatus(db);
        if (opts.json) {
          io.out(`${JSON.stringify(s)}\n`);
          return;
        }
        for (const c of s.companies)
          io.out(
            `${c.companyId}  ${c.name ?? ''}  ${c.connectionState}  ${c.records} records  last job: ${c.lastJob ?? 'none'}\n`,
          );
        io.out(
          `${s.companies.length} companies; database ${Math.round(s.databaseBytes / 1024)} KiB\n`,
        );
      } finally {
        await db.close();
      }
    });
  // The admin's commands (add-advisor, sign-in-code, assign, advisors, disable-advisor).
  registerHubAdvisorCommands(hub, io);
}
