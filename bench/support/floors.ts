// The fastest any client could download N requests' worth of a company (issue 14's floors), from QBO's
// own limits: 10 requests a second and 500 a minute per realm (docs/qbo-api.md §6.3), counted as they
// arrive, each answered after `latencyMs`. The first ten go at once; request k may start no sooner than
// one second after request k-10 and a minute after request k-500.
import type { Limits } from '../../src/main/qbo/limiter.ts';

export function realmFloorMs(
  requests: number,
  limits: Limits,
  latencyMs: number,
  answerCounts = false,
): number {
  const start: number[] = [];
  for (let k = 0; k < requests; k++) {
    let t = 0;
    // A client that only learns a request is over when its answer comes back (ours, qbo/limiter.ts)
    // counts each from its answer: the next slot opens a latency later.
    if (k >= limits.perSecond)
      t = Math.max(t, start[k - limits.perSecond]! + 1000 + (answerCounts ? latencyMs : 0));
    if (k >= limits.perMinute)
      t = Math.max(t, start[k - limits.perMinute]! + 60_000 + (answerCounts ? latencyMs : 0));
    start.push(t);
  }
  return requests === 0 ? 0 : start[requests - 1]! + latencyMs;
}
