// The one gate every caller goes through: known channel, valid argument, and errors turned into the
// result envelope. Electron IPC, the CLI and the UI test harness all call `dispatch`.
import {
  isInvokeChannel,
  type Handlers,
  type InvokeChannel,
  type ValueOf,
} from '../../core/contract.ts';
import { CodedError, fail, type Result } from '../../core/result.ts';
import { argSchemas } from './schemas.ts';

/** Turns an error a person can act on (a damaged database) into its one line; null for anything else. */
export type Explain = (error: unknown) => string | null;

export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  arg: unknown,
  explain?: Explain,
): Promise<Result<unknown>> {
  if (!isInvokeChannel(channel))
    return fail('INVALID_INPUT', `Unknown channel ${JSON.stringify(channel)}.`);
  const parsed = argSchemas[channel].safeParse(arg ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
    return fail(
      'INVALID_INPUT',
      `Invalid argument for ${channel}${where}: ${issue?.message ?? 'rejected'}.`,
    );
  }
  return run(handlers, channel, parsed.data, explain);
}

async function run<C extends InvokeChannel>(
  handlers: Handlers,
  channel: C,
  arg: unknown,
  explain?: Explain,
): Promise<Result<ValueOf<C>>> {
  try {
    return await (handlers[channel] as (a: unknown) => Promise<Result<ValueOf<C>>>)(arg);
  } catch (error) {
    const line = explain?.(error);
    return line ? fail('UNAVAILABLE', line) : toFailure(error);
  }
}

export function toFailure(error: unknown): Result<never> {
  if (error instanceof CodedError) return fail(error.code, error.message);
  // A bug: one line in the log; the stack only when asked for (ROWCOL_DEBUG), never in front of a user.
  console.error(`[rowcol] internal error: ${(error as Error)?.message ?? String(error)}`);
  if (process.env.ROWCOL_DEBUG) console.error((error as Error)?.stack);
  return fail(
    'INTERNAL',
    `Something went wrong inside RowCol: ${(error as Error)?.message ?? String(error)}`,
  );
}
