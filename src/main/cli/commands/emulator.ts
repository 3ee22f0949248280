// `rowcol emulator`: a local QuickBooks Online (API + OAuth) for tests, benchmarks and the demo.
// Serves until SIGINT/SIGTERM; with --json the first stdout line is one JSON object (docs/emulator.md).
import type { Command } from 'commander';
import type { EmulatorOptions } from '../../../../emulator/index.ts';
import { SIZES } from '../../../../emulator/sizes.ts';
import { CliFailure, type CliIo } from '../io.ts';

type Opts = {
  port?: string;
  seed?: string;
  companies?: string;
  size?: string;
  data?: string;
  clientId?: string;
  clientSecret?: string;
  today?: string;
  json?: boolean;
};

function whole(
  name: string,
  value: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
    throw new CliFailure(`${name} must be a whole number from ${min} to ${max}, not "${value}"`, 2);
  return Number(value);
}

export function emulatorOptions(opts: Opts): EmulatorOptions {
  const options: EmulatorOptions = {};
  const port = whole('--port', opts.port, 0, 65535);
  const seed = whole('--seed', opts.seed, 0, 2 ** 31 - 1);
  const companies = whole('--companies', opts.companies, 0, 2000);
  if (port !== undefined) options.port = port;
  if (seed !== undefined) options.seed = seed;
  if (companies !== undefined) options.companies = companies;
  if (opts.size !== undefined) {
    if (!(SIZES as readonly string[]).includes(opts.size))
      throw new CliFailure(`--size must be one of ${SIZES.join(', ')}, not "${opts.size}"`, 2);
    options.size = opts.size as EmulatorOptions['size'];
  }
  if ((opts.clientId === undefined) !== (opts.clientSecret === undefined))
    throw new CliFailure('give --client-id and --client-secret together', 2);
  if (opts.clientId !== undefined) options.clientId = opts.clientId;
  if (opts.clientSecret !== undefined) options.clientSecret = opts.clientSecret;
  if (opts.today !== undefined) {
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(opts.today) ||
      Number.isNaN(Date.parse(`${opts.today}T00:00:00Z`))
    )
      throw new CliFailure(`--today must be a date YYYY-MM-DD, not "${opts.today}"`, 2);
    options.today = opts.today;
  }
  if (opts.data !== undefined) options.data = opts.data;
  return options;
}

export function registerEmulator(program: Command, io: CliIo): void {
  program
    .command('emulator')
    .description(
      'run a local QuickBooks Online emulator (Accounting API v3 + Intuit OAuth 2.0) on 127.0.0.1',
    )
    .option('--port <n>', 'port to listen on (default: a free one)')
    .option('--seed <n>', 'seed of the generated books (default 1)')
    .option('--companies <n>', 'number of companies (default 3; 1 with --size large)')
    .option('--size <size>', `size of each company's books: ${SIZES.join('|')} (default small)`)
    .option(
      '--data <file>',
      'load companies and entities from a JSON file instead of generating them',
    )
    .option('--client-id <id>', 'OAuth client id to accept (default: a fixed development id)')
    .option('--client-secret <secret>', 'OAuth client secret to accept')
    .option('--today <date>', 'date the emulator clock starts at, YYYY-MM-DD (default: today)')
    .option('--json', 'print the connection details as one JSON line')
    .action(async (opts: Opts) => {
      const options = emulatorOptions(opts);
      // Loaded only here: no other command pays for parsing the emulator.
      const [{ startEmulator }, { DataFileError }] = await Promise.all([
        import('../../../../emulator/index.ts'),
        import('../../../../emulator/data-file.ts'),
      ]);
      let handle;
      try {
        handle = await startEmulator(options);
      } catch (error) {
        if (error instanceof DataFileError) throw new CliFailure(error.message, 2);
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE')
          throw new CliFailure(`port ${options.port} is already in use`, 1);
        if (code === 'EACCES')
          throw new CliFailure(`not allowed to listen on port ${options.port}`, 1);
        throw new CliFailure((error as Error).message, 2);
      }
      const { close, ...info } = handle;
      if (opts.json) io.out(JSON.stringify(info) + '\n');
      else {
        io.out(`QuickBooks Online emulator listening on ${info.apiBaseUrl}\n`);
        io.out(
          `  API base:   ${info.apiBaseUrl}/v3/company/{realmId}/…\n  Authorize:  ${info.authorizeUrl}\n  Token:      ${info.tokenUrl}\n  Revoke:     ${info.revokeUrl}\n  Admin:      ${info.adminUrl}\n`,
        );
        io.out(
          `  Client id:  ${info.clientId}\n  Secret:     ${info.clientSecret}\n  Companies:\n`,
        );
        for (const c of info.companies) io.out(`    ${c.realmId}  ${c.name}\n`);
        io.out('Press Ctrl+C to stop.\n');
      }
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
