import type { ArgOf, InvokeChannel, ValueOf } from '../../src/core/contract.ts';
import type { Result } from '../../src/core/result.ts';
import type { Db } from '../../src/main/db/open.ts';
import { openRuntime } from '../../src/main/runtime/runtime.ts';

/**
 * The runtime's handler table over a real database whose rows a test planted, with a fixed clock. Planting
 * rows stands for a sync, so the writer's step after a sync runs first (trays recomputed at `now`), as it
 * does in the app; then `call` goes through dispatch (zod + envelope) and, like every read, writes nothing.
 */
export function handlersAt(db: Db, now: Date, advisorId = 'local', dataDir = '') {
  const runtime = openRuntime({
    db,
    dataDir,
    env: { ROWCOL_ADVISOR_ID: advisorId },
    now: () => now,
  });
  runtime.refreshTrays();
  return {
    runtime,
    handlers: runtime.handlers,
    call: <C extends InvokeChannel>(channel: C, arg: ArgOf<C>): Promise<Result<ValueOf<C>>> =>
      runtime.invoke(channel, arg),
    /** An untyped call, for what a caller outside TypeScript could send (bad channels, bad arguments). */
    raw: (channel: string, arg: unknown): Promise<Result<unknown>> =>
      runtime.dispatch(channel, arg),
  };
}

export function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}
