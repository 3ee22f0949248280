// Opens the runtime for one CLI command and closes it after, so each command sees one database. Commands
// are thin: they parse options, call the handler table through the typed `call`, and format.
import type { ArgOf, InvokeChannel, ValueOf } from '../../core/contract.ts';
import { CodedError } from '../../core/result.ts';
import { defaultDataDir } from '../paths.ts';
import { openRuntime, type Runtime, type RuntimeOptions } from '../runtime/runtime.ts';
import { CliFailure, type CliIo } from './io.ts';

export type Session = {
  runtime: Runtime;
  /** A contract call; a failed envelope becomes a one-line CliFailure with the exit code for its kind. */
  call<C extends InvokeChannel>(channel: C, arg: ArgOf<C>): Promise<ValueOf<C>>;
};

export function resolveDataDir(option: string | undefined, io: CliIo): string {
  return option ?? defaultDataDir(io.env);
}

/**
 * The clock: the real one, or a fixed instant from ROWCOL_NOW (ISO 8601), so scripts, tests and the
 * emulator's moved clock agree on "today". A bad value is refused rather than silently ignored.
 */
export function clockFrom(env: NodeJS.ProcessEnv): () => Date {
  const fixed = env.ROWCOL_NOW?.trim();
  if (!fixed) return () => new Date();
  const at = new Date(fixed);
  if (Number.isNaN(at.getTime()))
    throw new CliFailure(`ROWCOL_NOW is not a date and time (ISO 8601): ${fixed}`, 2);
  return () => at;
}

/** Exit 2 for what the person typed (bad input, unknown client), 1 for everything else. */
export const exitCodeOf = (error: CodedError): number =>
  error.code === 'INVALID_INPUT' || error.code === 'NOT_FOUND' ? 2 : 1;

export async function withSession<T>(
  dataDirOption: string | undefined,
  io: CliIo,
  work: (s: Session) => Promise<T>,
  options: Omit<RuntimeOptions, 'dataDir' | 'env' | 'now'> = {},
): Promise<T> {
  let runtime: Runtime;
  try {
    runtime = openRuntime({
      onNotice: (line) => io.err(`rowcol: ${line}\n`),
      ...options,
      dataDir: resolveDataDir(dataDirOption, io),
      env: io.env,
      now: clockFrom(io.env),
    });
  } catch (error) {
    throw error instanceof CodedError ? new CliFailure(error.message, exitCodeOf(error)) : error;
  }
  const call = async <C extends InvokeChannel>(channel: C, arg: ArgOf<C>): Promise<ValueOf<C>> => {
    const r = await runtime.invoke(channel, arg);
    if (r.ok) return r.value;
    throw new CliFailure(
      r.error.message,
      exitCodeOf(new CodedError(r.error.code, r.error.message)),
    );
  };
  try {
    return await work({ runtime, call });
  } finally {
    await runtime.close();
  }
}
