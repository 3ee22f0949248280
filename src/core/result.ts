// The result envelope every handler returns: callers never see a raw exception (ARCHITECTURE.md "The typed contract").

export const errorCodes = [
  'INVALID_INPUT', // the caller sent something the contract does not allow
  'NOT_FOUND', // the client, bill or record named does not exist
  'CONFLICT', // QBO or the local plan changed under the caller (stale SyncToken, paid bill)
  'AUTH_REQUIRED', // the client must be reconnected to QuickBooks
  'RATE_LIMITED', // QBO throttled us; the mirror is still served
  'OFFLINE', // QBO could not be reached; the mirror is still served
  'UNAVAILABLE', // a local resource (data folder, database) cannot be used
  'INTERNAL', // a bug: logged, and reported as such
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export type AppError = { code: ErrorCode; message: string };

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = (code: ErrorCode, message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

/** An error that carries a contract code, thrown inside main and turned into an envelope at the edge. */
export class CodedError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CodedError';
  }
}
