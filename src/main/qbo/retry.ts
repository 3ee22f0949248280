// Bounded retries with exponential backoff and full jitter
// (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/): the wait before retry n is
// uniform in [0, min(cap, base·2^n)], so many clients throttled together do not retry in lock-step.
// Only errors marked retryable (429, 5xx, timeouts, network) are retried; `Retry-After` wins when sent.
import { QboError, RateLimitError } from './errors.ts';

export type RetryPolicy = {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** No retry starts once this much time has passed since the first attempt. */
  maxTotalMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
};

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  maxTotalMs: 120_000,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
};

export type RetryHooks = {
  random?: () => number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  onRetry?: (error: QboError, attempt: number, delayMs: number) => void;
  signal?: AbortSignal;
};

/** Intuit: after a 429 (code 3001) wait 60 s before trying again (docs/qbo-api.md §6.3). */
export const throttleWaitMs = 60_000;

/** The least wait after a 429 without Retry-After: Intuit's 60 s, within a quarter of the policy's budget. */
export const throttleFloorMs = (policy: RetryPolicy): number =>
  Math.min(throttleWaitMs, Math.floor(policy.maxTotalMs / 4));

/** The wait before retry number `retry` (0-based), with full jitter, or Retry-After when given. */
export function backoffDelay(
  policy: RetryPolicy,
  retry: number,
  random: () => number,
  error?: unknown,
): number {
  if (error instanceof RateLimitError && error.retryAfterMs !== null)
    return Math.min(error.retryAfterMs, policy.maxDelayMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  const jitter = Math.floor(random() * ceiling);
  return error instanceof RateLimitError ? throttleFloorMs(policy) + jitter : jitter;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export async function withRetry<T>(
  policy: RetryPolicy,
  attempt: (n: number) => Promise<T>,
  hooks: RetryHooks = {},
): Promise<T> {
  const random = hooks.random ?? Math.random;
  const now = hooks.now ?? Date.now;
  const wait = hooks.sleep ?? sleep;
  const started = now();
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (hooks.signal?.aborted) throw hooks.signal.reason ?? error;
      if (!(error instanceof QboError) || !error.retryable || n + 1 >= policy.maxAttempts)
        throw error;
      const delay = backoffDelay(policy, n, random, error);
      if (now() - started + delay > policy.maxTotalMs) throw error;
      hooks.onRetry?.(error, n + 1, delay);
      await wait(delay, hooks.signal);
    }
  }
}
