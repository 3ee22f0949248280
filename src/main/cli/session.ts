// Opens the data folder for one CLI command and closes it after, so each command sees one database.
import type { Handlers } from '../../core/contract.ts';
import type { Result } from '../../core/result.ts';
import { advisorIdFrom } from '../advisor.ts';
import { openDataDir } from '../db/data-dir.ts';
import type { HandlerContext } from '../handlers/context.ts';
import { dispatch } from '../handlers/dispatch.ts';
import { createHandlers } from '../handlers/index.ts';
import { defaultDataDir } from '../paths.ts';
import { appVersion } from '../version.ts';
import { CliFailure, type CliIo } from './io.ts';

export type Session = { ctx: HandlerContext; handlers: Handlers; call: <T>(channel: string, arg?: unknown) => Promise<T> };

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
  if (Number.isNaN(at.getTime())) throw new CliFailure(`ROWCOL_NOW is not a date and time (ISO 8601): ${fixed}`, 2);
  return () => at;
}

export async function withSession<T>(dataDirOption: string | undefined, io: CliIo, work: (s: Session) => Promise<T>): Promise<T> {
  const dataDir = resolveDataDir(dataDirOption, io);
  const db = openDataDir(dataDir);
  const ctx: HandlerContext = { db, advisorId: advisorIdFrom(io.env), dataDir, appVersion, now: clockFrom(io.env) };
  const handlers = createHandlers(ctx);
  const call = async <V>(channel: string, arg: unknown = {}): Promise<V> => unwrap((await dispatch(handlers, channel, arg)) as Result<V>);
  try {
    return await work({ ctx, handlers, call });
  } finally {
    db.close();
  }
}

export function unwrap<V>(result: Result<V>): V {
  if (result.ok) return result.value;
  throw new CliFailure(result.error.message, result.error.code === 'INVALID_INPUT' || result.error.code === 'NOT_FOUND' ? 2 : 1);
}
