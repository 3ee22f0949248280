// `rowcol connect`: prints the authorize URL alone on one stdout line, waits on a one-time loopback
// redirect listener (on every address localhost means), then prints the connected company. `--demo`
// starts the embedded emulator and connects every company in it (src/main/sync/demo.ts says how later commands find it again).
import type { Command } from 'commander';
import type { EventMap } from '../../../core/contract.ts';
import { defaultRedirectPort } from '../../handlers/sync.ts';
import { CliFailure, type CliIo } from '../io.ts';
import { withSession } from '../session.ts';
import { connectHub } from './firm.ts';

type ConnectOptions = {
  demo?: boolean;
  sandbox?: boolean;
  apiBaseUrl?: string;
  authorizeUrl?: string;
  tokenUrl?: string;
  revokeUrl?: string;
  clientId?: string;
  clientSecret?: string;
  port?: string;
  timeout?: string;
  hub?: string;
  code?: string;
  email?: string;
  deviceName?: string;
};

function wholeNumber(
  value: string | undefined,
  name: string,
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

export function registerConnect(program: Command, io: CliIo): void {
  program
    .command('connect')
    .description(
      'connect a QuickBooks Online company: prints the authorize URL, then waits for the browser to come back',
    )
    .option('--demo', 'start the embedded QuickBooks emulator and connect every company in it')
    .option('--sandbox', "use Intuit's sandbox API instead of production")
    .option('--api-base-url <url>', 'QBO API base URL (env ROWCOL_QBO_API_BASE_URL)')
    .option('--authorize-url <url>', 'OAuth authorize URL (env ROWCOL_QBO_AUTHORIZE_URL)')
    .option('--token-url <url>', 'OAuth token URL (env ROWCOL_QBO_TOKEN_URL)')
    .option('--revoke-url <url>', 'OAuth revoke URL (env ROWCOL_QBO_REVOKE_URL)')
    .option('--client-id <id>', 'app client id (env ROWCOL_QBO_CLIENT_ID)')
    .option('--client-secret <secret>', 'app client secret (env ROWCOL_QBO_CLIENT_SECRET)')
    .option(
      '--port <n>',
      `port of the one-time redirect listener on 127.0.0.1 and [::1]; the redirect URI http://localhost:PORT/callback must be registered with your Intuit app (default ${defaultRedirectPort})`,
    )
    .option('--timeout <seconds>', 'how long to wait for the browser (default 300)')
    .option(
      '--hub <url>',
      "firm mode: sign in to your firm's hub (its address) instead of QuickBooks",
    )
    .option('--code <code>', 'with --hub: the one-time sign-in code your firm admin gave you')
    .option('--email <email>', 'with --hub: your email (checked against the code)')
    .option(
      '--device-name <name>',
      "with --hub: this computer's name on the hub (default: its hostname)",
    )
    .action(async (opts: ConnectOptions, cmd: Command) => {
      if (opts.hub)
        return connectHub(cmd.optsWithGlobals().dataDir, io, { ...opts, hub: opts.hub });
      const port = wholeNumber(opts.port, 'port', 0, 65535);
      const timeoutSeconds = wholeNumber(opts.timeout, 'timeout', 1, 3600) ?? 300;
      const {
        demo,
        sandbox,
        port: _port,
        timeout: _timeout,
        hub: _h,
        code: _c,
        email: _e,
        deviceName: _d,
        ...endpoints
      } = opts;
      await withSession(
        cmd.optsWithGlobals().dataDir,
        io,
        async ({ runtime, call }) => {
          if (demo) {
            for (const c of await call('clients:connect-demo', { fresh: true })) {
              io.out(
                `Connected ${c.displayName} (client ${c.businessId}, company ${c.realmId}) from the demo books\n`,
              );
            }
            io.out('Next: rowcol sync --all\n');
            return;
          }
          // The handler finishes the connection when the browser comes back; this command waits for that.
          const outcome = new Promise<EventMap['connection:changed']>((resolve, reject) => {
            runtime.on(
              'connection:changed',
              (c) => c.connectionState === 'connected' && resolve(c),
            );
            runtime.on('connection:failed', (f) => reject(new CliFailure(f.message)));
          });
          outcome.catch(() => undefined);
          const { authorizeUrl } = await call('clients:connect', {
            port: port ?? defaultRedirectPort,
            timeoutSeconds,
            sandbox,
          });
          io.out(`${authorizeUrl}\n`);
          if (io.isTTY)
            io.err(
              'Open the address above in a browser and approve access; waiting for QuickBooks…\n',
            );
          const { businessId } = await outcome;
          const c = (await call('clients:list', {})).find((x) => x.businessId === businessId);
          io.out(
            `Connected ${c?.displayName ?? businessId} (client ${businessId}, company ${c?.realmId ?? '?'})\n`,
          );
        },
        { endpoints },
      );
    });
}
