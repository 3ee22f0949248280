// QBO's limits are per company (realm): 500 requests/minute, 10/second, 10 concurrent
// (docs/qbo-api.md §6.3, Intuit "API call limits and throttles"). One limiter per realm, so many clients
// sync side by side and a big one cannot starve the others; the socket cap is global (client.ts, undici
// Agent `connections`). Bottleneck keeps the queue and the concurrency; the two rate limits are sliding
// windows (as QBO counts them), so a burst of 10 may go at once and the 11th waits for the 1st to age out.
import Bottleneck from 'bottleneck';
import { sleep } from './retry.ts';

export type Limits = { perMinute: number; perSecond: number; concurrent: number };
export const productionLimits: Limits = { perMinute: 500, perSecond: 10, concurrent: 10 };

/** Clocks and event loops differ a little between us and QBO; keep this much clear of the window's edge. */
const edgeMarginMs = 50;
/** How often to look again when every slot of the window is held by a request still in flight. */
const inFlightPollMs = 20;

/**
 * A request reaches QBO somewhere between the moment it takes its slot and the moment its answer begins
 * to come back (it may wait for a socket under the global cap first). So a request in flight counts as
 * "now", and an answered one is stamped with the moment its answer's headers came in (not when its body
 * was read: a page of 1000 records takes a while longer): never earlier than QBO saw it, so the window
 * can only err on the side of waiting. How long QBO takes to answer is therefore paid in the window:
 * ten requests per (1 s + latency) at most, where QBO, counting arrivals, would take ten per second.
 */
export class SlidingWindow {
  /** Finishing times, oldest first. */
  private readonly done: number[] = [];
  private inFlight = 0;

  constructor(
    private readonly limits: Pick<Limits, 'perSecond' | 'perMinute'>,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Milliseconds to wait before a request may start (0: take the slot now). */
  private waitMs(): number {
    const now = this.now();
    while (this.done.length && (this.done[0] as number) <= now - 60_000 - edgeMarginMs)
      this.done.shift();
    return Math.max(
      0,
      this.waitFor(now, 60_000, this.limits.perMinute),
      this.waitFor(now, 1000, this.limits.perSecond),
    );
  }

  private waitFor(now: number, spanMs: number, limit: number): number {
    const inWindow = this.done.filter((t) => t > now - spanMs - edgeMarginMs);
    const excess = inWindow.length + this.inFlight - limit + 1;
    if (excess <= 0) return 0;
    // The excess-th oldest finished request must age out; if in-flight ones fill the window, poll.
    const oldest = inWindow[excess - 1];
    return oldest === undefined ? inFlightPollMs : oldest + spanMs + edgeMarginMs - now;
  }

  /** Finishing times of the last minute, as wall-clock epoch ms (for the next process on this realm). */
  recentFinishes(): number[] {
    const now = this.now();
    const wallNow = Date.now();
    return this.done.filter((t) => t > now - 60_000).map((t) => Math.round(wallNow - (now - t)));
  }

  /** Counts a request another process finished at this moment (in this window's clock). */
  noteFinished(at: number): void {
    this.done.push(at);
    this.done.sort((x, y) => x - y);
  }

  /** Takes a slot; call the returned function when the answer has begun to come back (or the request failed). */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    for (let wait = this.waitMs(); wait > 0; wait = this.waitMs())
      await sleep(Math.ceil(wait), signal);
    this.inFlight++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight--;
      this.done.push(this.now());
    };
  }
}

/** Rate windows per server, realm and limits, for the whole process (see RealmLimiters). */
const sharedWindows = new Map<string, SlidingWindow>();

export class RealmLimiters {
  private readonly group: Bottleneck.Group;
  /**
   * @param server the API base URL: windows are shared by every client of this process that talks to
   *   the same server and realm with the same limits (connecting a company reads its CompanyInfo through
   *   another client than the sync that follows; QBO counts both against the realm).
   */
  constructor(
    readonly limits: Limits = productionLimits,
    private readonly server = '',
  ) {
    // One slot is kept free: we see an answer complete a moment before QBO counts the request as finished,
    // so starting the next one at once can make an eleventh "concurrent" request and draw a 429.
    this.group = new Bottleneck.Group({ maxConcurrent: Math.max(1, limits.concurrent - 1) });
  }

  private windowOf(realmId: string): { window: SlidingWindow; created: boolean } {
    const key = `${this.server}|${realmId}|${this.limits.perSecond}/${this.limits.perMinute}`;
    const known = sharedWindows.get(key);
    if (known) return { window: known, created: false };
    const window = new SlidingWindow(this.limits);
    sharedWindows.set(key, window);
    return { window, created: true };
  }

  /**
   * Requests to this realm that another process made (wall-clock finishing times, ms): the CLI's
   * `connect` reads CompanyInfo, and a `sync` started right after it must count that read in QBO's
   * per-second window. Only a window this process has not used yet takes them: once it has, it counts
   * its own requests, the connect made here included.
   */
  noteEarlierRequests(realmId: string, finishedAt: readonly number[]): void {
    const { window, created } = this.windowOf(realmId);
    if (!created) return;
    const wallNow = Date.now();
    for (const at of finishedAt) {
      // A clock in the future (a test's, or a changed system clock) says nothing about the last minute.
      if (at > wallNow || at <= wallNow - 60_000) continue;
      window.noteFinished(performance.now() - (wallNow - at));
    }
  }

  /** This process's requests to the realm in the last minute (wall-clock ms), for the process after it. */
  recentRequests(realmId: string): number[] {
    return this.windowOf(realmId).window.recentFinishes();
  }

  /**
   * Runs `task` within the realm's concurrency and rate windows. The task calls `answered` when QBO's
   * answer has begun (its headers are in): QBO has surely counted the request by then, so the rate
   * windows count it from that moment, not from when its body (a 1000-record page) is read and parsed.
   * The concurrency slot is held until the task ends.
   */
  schedule<T>(
    realmId: string,
    task: (answered: () => void) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    const w = this.windowOf(realmId).window;
    return this.group.key(realmId).schedule(async () => {
      const release = await w.acquire(signal);
      try {
        return await task(release);
      } finally {
        release();
      }
    });
  }

  async close(): Promise<void> {
    await Promise.all(
      this.group
        .limiters()
        .map(({ limiter }) => limiter.stop({ dropWaitingJobs: true }).catch(() => undefined)),
    );
    this.group.disconnect(false);
  }
}
