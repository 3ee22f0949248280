import { describe, expect, it } from 'vitest';
import { CircuitBreakers } from '../../src/main/qbo/breaker.ts';
import {
  AuthenticationError,
  CircuitOpenError,
  RateLimitError,
  ServerError,
} from '../../src/main/qbo/errors.ts';
import { backoffDelay, withRetry, type RetryPolicy } from '../../src/main/qbo/retry.ts';

const policy: RetryPolicy = {
  maxAttempts: 4,
  maxTotalMs: 10_000,
  baseDelayMs: 100,
  maxDelayMs: 1000,
};

describe('retry with full jitter', () => {
  it('draws each wait uniformly below min(cap, base·2^n)', () => {
    expect(backoffDelay(policy, 0, () => 0.999)).toBe(99);
    expect(backoffDelay(policy, 3, () => 0.5)).toBe(400);
    expect(backoffDelay(policy, 10, () => 0.999)).toBe(999);
    expect(backoffDelay(policy, 2, () => 0)).toBe(0);
  });

  it('uses Retry-After when QBO sends it', () => {
    const e = new RateLimitError('429');
    e.retryAfterMs = 700;
    expect(backoffDelay(policy, 0, () => 0.1, e)).toBe(700);
  });

  it("waits at least Intuit's 60 s after a 429 without Retry-After, within a quarter of the budget", () => {
    expect(
      backoffDelay({ ...policy, maxTotalMs: 600_000 }, 0, () => 0, new RateLimitError('429')),
    ).toBe(60_000);
    expect(backoffDelay(policy, 0, () => 0, new RateLimitError('429'))).toBe(2_500);
    expect(backoffDelay(policy, 0, () => 0, new ServerError('500'))).toBe(0);
  });

  it('retries retryable errors a bounded number of times, then gives up with the last error', async () => {
    const waits: number[] = [];
    let calls = 0;
    const run = withRetry(
      policy,
      async () => {
        calls++;
        throw new ServerError('500');
      },
      { random: () => 0.5, sleep: async (ms) => void waits.push(ms) },
    );
    await expect(run).rejects.toBeInstanceOf(ServerError);
    expect(calls).toBe(4);
    expect(waits).toEqual([50, 100, 200]);
  });

  it('stops retrying when the total time budget would be exceeded', async () => {
    let t = 0;
    let calls = 0;
    const run = withRetry(
      { ...policy, maxTotalMs: 150 },
      async () => {
        calls++;
        throw new RateLimitError('429');
      },
      { random: () => 0.99, now: () => t, sleep: async (ms) => void (t += ms) },
    );
    await expect(run).rejects.toBeInstanceOf(RateLimitError);
    expect(calls).toBe(2);
  });

  it('never retries an authentication error', async () => {
    let calls = 0;
    await expect(
      withRetry(policy, async () => {
        calls++;
        throw new AuthenticationError('401');
      }),
    ).rejects.toBeInstanceOf(AuthenticationError);
    expect(calls).toBe(1);
  });

  it('returns the first success', async () => {
    let calls = 0;
    const value = await withRetry(
      policy,
      async () => {
        if (++calls < 3) throw new ServerError('502');
        return 'ok';
      },
      { sleep: async () => undefined },
    );
    expect(value).toBe('ok');
    expect(calls).toBe(3);
  });
});

describe('circuit breaker per realm', () => {
  it('opens after the threshold, refuses calls, half-opens after the cool-down with one trial', () => {
    let now = 0;
    const b = new CircuitBreakers({ failureThreshold: 3, coolDownMs: 1000 }, () => now);
    for (let i = 0; i < 3; i++) {
      b.admit('r1');
      b.failed('r1');
    }
    expect(b.state('r1')).toBe('open');
    expect(() => b.admit('r1')).toThrow(CircuitOpenError);
    expect(() => b.admit('r2')).not.toThrow(); // other companies are not affected
    now = 1000;
    expect(b.state('r1')).toBe('half-open');
    b.admit('r1'); // the one trial
    expect(() => b.admit('r1')).toThrow(CircuitOpenError);
    b.failed('r1');
    expect(b.state('r1')).toBe('open');
    now = 2000;
    b.admit('r1');
    b.succeeded('r1');
    expect(b.state('r1')).toBe('closed');
    expect(() => b.admit('r1')).not.toThrow();
  });

  it('lets one trial through at once when the advisor asks (Sync now), and opens again if it fails', () => {
    const now = 0;
    const b = new CircuitBreakers({ failureThreshold: 2, coolDownMs: 60_000 }, () => now);
    for (let i = 0; i < 2; i++) {
      b.admit('r1');
      b.failed('r1');
    }
    expect(() => b.admit('r1')).toThrow(CircuitOpenError);
    b.trialNow('r1');
    b.admit('r1'); // the advisor's trial, long before the cool-down ends
    expect(() => b.admit('r1')).toThrow(CircuitOpenError); // and only one
    b.failed('r1');
    expect(b.state('r1')).toBe('open'); // still down: closed to background syncs for a new cool-down
    b.trialNow('r1');
    b.admit('r1');
    b.succeeded('r1');
    expect(b.state('r1')).toBe('closed');
    b.trialNow('r2'); // a closed circuit stays as it is
    expect(b.state('r2')).toBe('closed');
  });
});

describe('sliding-window rate limit', () => {
  it('lets a burst of perSecond through, then waits for the oldest to age out of the second', async () => {
    let now = 0;
    const { SlidingWindow } = await import('../../src/main/qbo/limiter.ts');
    const w = new SlidingWindow({ perSecond: 3, perMinute: 5 }, () => now);
    for (let i = 0; i < 3; i++) (await w.acquire())();
    const waitMs = (w as unknown as { waitMs(): number }).waitMs();
    expect(waitMs).toBeGreaterThan(1000);
    expect(waitMs).toBeLessThan(1100); // plus a small margin for clocks and event loops
    now = 1100;
    for (let i = 0; i < 2; i++) (await w.acquire())();
    expect((w as unknown as { waitMs(): number }).waitMs()).toBeGreaterThan(58_000); // the minute's 5 are used
  });

  it('counts a request still in flight as sent now, and stamps it when its answer comes back', async () => {
    let now = 0;
    const { SlidingWindow } = await import('../../src/main/qbo/limiter.ts');
    const w = new SlidingWindow({ perSecond: 2, perMinute: 100 }, () => now);
    const slow = await w.acquire(); // waits for a socket, then for QBO: it may reach QBO much later
    (await w.acquire())();
    now = 5000; // long after both took their slots
    const waitWhileInFlight = (w as unknown as { waitMs(): number }).waitMs();
    expect(waitWhileInFlight).toBe(0); // one finished long ago + one in flight = 1 < 2
    (await w.acquire())(); // a second one this second, with the slow one still out: the window is full
    expect((w as unknown as { waitMs(): number }).waitMs()).toBeGreaterThan(0);
    slow(); // answered at 5000: QBO saw it no later than that
    now = 5500;
    expect((w as unknown as { waitMs(): number }).waitMs()).toBeGreaterThan(500); // both stamps at ~5000 still count
    now = 6100;
    expect((w as unknown as { waitMs(): number }).waitMs()).toBe(0);
  });
});
