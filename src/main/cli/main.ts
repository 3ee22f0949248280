// The headless CLI: the same engine and handler table as the desktop app, on a terminal.
// Every failure ends as one line on stderr and a non-zero exit code; never a stack trace.
import { Command, CommanderError } from 'commander';
import { CodedError } from '../../core/result.ts';
import { QboError } from '../qbo/errors.ts';
import { appVersion } from '../version.ts';
import { registerCommands } from './commands/index.ts';
import { CliFailure, processIo, type CliIo } from './io.ts';

// Commander puts its suggestion on a second line; keep every failure on one line.
const oneLine = (text: string): string =>
  text
    .replace(/^error: /, 'rowcol: ')
    .replace(/\n\(Did you mean (.+)\?\)/, ' (did you mean $1?)')
    .trimEnd() + '\n';

export function buildProgram(io: CliIo): Command {
  const program = new Command('rowcol')
    .description(
      'RowCol: cash, runway and data hygiene for every client whose books are in QuickBooks Online',
    )
    .version(appVersion, '-v, --version')
    .option(
      '--data-dir <dir>',
      "folder of the local database (default: the desktop app's data folder; env ROWCOL_DATA_DIR)",
    )
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: io.out,
      writeErr: io.err,
      outputError: (text, write) => write(oneLine(text)),
    });
  registerCommands(program, io);
  return program;
}

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const program = buildProgram(io);
  if (argv.length === 0) {
    program.outputHelp();
    return 0;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    return report(error, io);
  }
}

function report(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    // Commander already printed its one-line message (or the help text).
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof CliFailure) {
    io.err(`rowcol: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof QboError) {
    // QuickBooks (or the network to it) said no: its own words, one line, no stack.
    io.err(`rowcol: QuickBooks: ${error.message}\n`);
    return 1;
  }
  if (error instanceof CodedError) {
    io.err(`rowcol: ${error.message}\n`);
    return error.code === 'INVALID_INPUT' ? 2 : 1;
  }
  io.err(`rowcol: unexpected error: ${(error as Error)?.message ?? String(error)}\n`);
  if (io.env.ROWCOL_DEBUG) io.err(`${(error as Error)?.stack ?? ''}\n`);
  return 70;
}
