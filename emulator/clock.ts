// The emulator's clock: real time flowing from a chosen start, which tests can move (admin /clock).
// Token lifetimes, MetaData times, "today" and CDC windows all read this clock.
export class Clock {
  private offsetMs: number;

  constructor(startMs: number) {
    this.offsetMs = startMs - Date.now();
  }

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }

  set(ms: number): void {
    this.offsetMs = ms - Date.now();
  }
}
