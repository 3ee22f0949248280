// QBO's limits are per company (realm): 500 requests/minute, 10/second, 10 concurrent
// (docs/qbo-api.md §6.3, Intuit "API call limits and throttles"). One limiter per realm, so many clients
// sync side by side and a big one cannot starve the others; the socket cap is global (client.ts, undici
// Agent `connections`). Bottleneck keeps the queue and the concurrency; the two rate limits are sliding
// windows (as QBO counts them), so a burst of 10 may go at once and the 11th waits for the 1st to age out.
import Bottleneck from 'bottleneck';
import { sleep } from './retry.ts';

export type Limits = { perMinute: number; perSecond: number; concurrent: number };
export const productionLimits: Limits = { perMinute: 500, perSecond: 10, concurrent: 10 };

/** Requests reach QBO a little after we stamp them; keep this much clear of the window's edge. */
const edgeMarginMs = 50;

export class SlidingWindow {
  private readonly stamps: number[] = [];

  constructor(
    private readonly limits: Pick<Limits, 'perSecond' | 'perMinute'>,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Milliseconds to wait before a request may start (0: take the slot now). */
  private waitMs(): number {
    const now = this.now();
    while (this.stamps.length && (this.stamps[0] as number) <= now - 60_000) this.stamps.shift();
    let wait = 0;
    if (this.stamps.length >= this.limits.perMinute) wait = (this.stamps[this.stamps.length - this.limits.perMinute] as number) + 60_000 + edgeMarginMs - now;
    // Stamps are in time order: the perSecond-th newest one decides when the next slot opens.
    const recent = this.stamps.filter((t) => t > now - 1000 - edgeMarginMs).length;
    if (recent >= this.limits.perSecond) wait = Math.max(wait, (this.stamps[this.stamps.length - this.limits.perSecond] as number) + 1000 + edgeMarginMs - now);
    return Math.max(0, wait);
  }

  async acquire(signal?: AbortSignal): Promise<void> {
    for (let wait = this.waitMs(); wait > 0; wait = this.waitMs()) await sleep(Math.ceil(wait), signal);
    this.stamps.push(this.now());
  }
}

export class RealmLimiters {
  private readonly group: Bottleneck.Group;
  private readonly windows = new Map<string, SlidingWindow>();

  constructor(readonly limits: Limits = productionLimits) {
    this.group = new Bottleneck.Group({ maxConcurrent: limits.concurrent });
  }

  schedule<T>(realmId: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    let window = this.windows.get(realmId);
    if (!window) this.windows.set(realmId, (window = new SlidingWindow(this.limits)));
    const w = window;
    return this.group.key(realmId).schedule(async () => {
      await w.acquire(signal);
      return task();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.group.limiters().map(({ limiter }) => limiter.stop({ dropWaitingJobs: true }).catch(() => undefined)));
    this.group.disconnect(false);
  }
}
