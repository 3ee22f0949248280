import type { Result } from '../../src/core/result.ts';
import type { Db } from '../../src/main/db/open.ts';
import { dispatch } from '../../src/main/handlers/dispatch.ts';
import { createHandlers } from '../../src/main/handlers/index.ts';

/** The real handler table over a real database, with a fixed clock; `call` goes through dispatch (zod + envelope). */
export function handlersAt(db: Db, now: Date, advisorId = 'local') {
  const handlers = createHandlers({ db, advisorId, dataDir: '', appVersion: 'test', now: () => now });
  return { handlers, call: (channel: string, arg: unknown = {}) => dispatch(handlers, channel, arg) as Promise<Result<never>> };
}

export function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}
