// QBO's limits are per company (realm): 500 requests/minute, 10/second, 10 concurrent
// (docs/qbo-api.md §6.3, Intuit "API call limits and throttles"). One Bottleneck limiter per realm, so
// many clients sync side by side and a big one cannot starve the others; the socket cap is global
// (client.ts, undici Agent `connections`).
import Bottleneck from 'bottleneck';

export type Limits = { perMinute: number; perSecond: number; concurrent: number };
export const productionLimits: Limits = { perMinute: 500, perSecond: 10, concurrent: 10 };

export class RealmLimiters {
  private readonly group: Bottleneck.Group;

  constructor(readonly limits: Limits = productionLimits) {
    this.group = new Bottleneck.Group({
      maxConcurrent: limits.concurrent,
      // Spacing requests evenly keeps any one-second window within perSecond.
      minTime: Math.ceil(1000 / limits.perSecond),
      reservoir: limits.perMinute,
      reservoirRefreshAmount: limits.perMinute,
      reservoirRefreshInterval: 60_000,
    });
  }

  schedule<T>(realmId: string, task: () => Promise<T>): Promise<T> {
    return this.group.key(realmId).schedule(task);
  }

  async close(): Promise<void> {
    await Promise.all(this.group.limiters().map(({ limiter }) => limiter.stop({ dropWaitingJobs: true }).catch(() => undefined)));
    this.group.disconnect(false);
  }
}
