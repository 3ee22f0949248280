// `rowcol app [--port N] [--no-open]`: the desktop app's window in the system browser, for machines
// without Electron. Serves the built renderer and the same handler table on http://127.0.0.1:PORT
// (src/main/web), prints the one-time link as the first stdout line, opens the browser, syncs in the
// background as the window does, and stops cleanly on Ctrl+C or SIGTERM.
import type { Command } from 'commander';
import { CodedError } from '../../../core/result.ts';
import { openInBrowser } from '../../web/open-browser.ts';
import { rendererDir } from '../../web/renderer-dir.ts';
import { CliFailure, type CliIo } from '../io.ts';
import { withSession } from '../session.ts';

type AppOptions = { port?: string; open: boolean };

function portFrom(value: string | undefined): number {
  if (value === undefined) return 0;
  if (!/^\d+$/.test(value) || Number(value) > 65535)
    throw new CliFailure(
      `--port must be a whole number from 0 to 65535 (0: any free port), not "${value}".`,
      2,
    );
  return Number(value);
}

/** Resolves at the first SIGINT or SIGTERM; a second one ends the process the default way. */
function untilStopped(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export function registerApp(program: Command, io: CliIo): void {
  program
    .command('app')
    .description(
      'open RowCol in your browser: serves the window on http://127.0.0.1 behind a one-time link',
    )
    .option('--port <n>', 'port on 127.0.0.1 (default: any free port)')
    .option('--no-open', 'print the link without opening the browser')
    .action(async (opts: AppOptions, cmd: Command) => {
      const port = portFrom(opts.port);
      const served = (() => {
        try {
          return rendererDir(io.env);
        } catch (error) {
          if (error instanceof CodedError)
            throw new CliFailure(error.message, error.code === 'INVALID_INPUT' ? 2 : 1);
          throw error;
        }
      })();
      // The consent page of "Connect a client" opens in the browser too; if it cannot, the link is said.
      const openExternal = async (url: string) => {
        const why = await openInBrowser(url);
        if (why) io.err(`rowcol: could not open your browser (${why}); to connect, open ${url}\n`);
      };
      await withSession(
        cmd.optsWithGlobals().dataDir,
        io,
        async ({ runtime }) => {
          const { startWebServer } = await import('../../web/server.ts');
          const server = await startWebServer({ gate: runtime, rendererDir: served, port }).catch(
            (error: unknown) => {
              if (error instanceof CodedError)
                throw new CliFailure(error.message, error.code === 'CONFLICT' ? 2 : 1);
              throw error;
            },
          );
          const stopped = untilStopped();
          try {
            // First on stdout, alone on its line: scripts and `npm start` read it from there.
            io.out(`${server.url}\n`);
            io.err(
              `rowcol: RowCol is running at ${server.origin}/ with the data in ${runtime.dataDir}. The link works once, in one browser; Ctrl+C stops the server.\n`,
            );
            if (opts.open)
              void openInBrowser(server.url).then((why) => {
                if (why)
                  io.err(`rowcol: could not open your browser (${why}); open the link above.\n`);
              });
            // As the window does: background sync, trays kept current. Without a token vault the
            // mirror is still served and each sync says why.
            const background = runtime
              .startBackground()
              .catch((error: unknown) =>
                io.err(
                  `rowcol: background sync is off: ${(error as Error)?.message ?? String(error)}\n`,
                ),
              );
            const signal = await stopped;
            io.err(`rowcol: ${signal}: stopping the server.\n`);
            // The runtime closes only once its background start is through: a scheduler started after
            // the close would run on a closed database and keep the process alive.
            await background;
          } finally {
            await server.close();
          }
        },
        { openExternal },
      );
    });
}
