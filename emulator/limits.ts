// QBO's per-realm throttles (qbo-api.md §6.3): 500 requests/minute, 10/second, 10 concurrent → HTTP 429.
// Real time, not the emulator clock: a test moving the clock should not open or close the gates.
export type Limits = { perMinute: number; perSecond: number; concurrent: number };

export class RealmLimiter {
  private readonly stamps: number[] = [];
  private inFlight = 0;

  constructor(private readonly limits: Limits) {}

  /** Take a slot, or false when any limit is reached (the caller answers 429). */
  enter(): boolean {
    const now = performance.now();
    while (this.stamps.length && (this.stamps[0] as number) <= now - 60_000) this.stamps.shift();
    if (this.inFlight >= this.limits.concurrent) return false;
    if (this.stamps.length >= this.limits.perMinute) return false;
    let lastSecond = 0;
    for (let i = this.stamps.length - 1; i >= 0 && (this.stamps[i] as number) > now - 1000; i--)
      lastSecond++;
    if (lastSecond >= this.limits.perSecond) return false;
    this.stamps.push(now);
    this.inFlight++;
    return true;
  }

  /** A new minute for this realm: the requests it counted age out at once (those in flight stay). */
  forget(): void {
    this.stamps.length = 0;
  }

  leave(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }
}
