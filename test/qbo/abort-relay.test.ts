// Each QBO call follows the run's cancel signal through a signal of its own (src/main/qbo/abort-relay.ts).
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { follow } from '../../src/main/qbo/abort-relay.ts';

describe('a call following the run’s cancel signal', () => {
  it('is cancelled with the run’s reason, however many calls follow it, through one listener', () => {
    const run = new AbortController();
    const calls = Array.from({ length: 50 }, () => follow(run.signal));
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(1);
    const reason = new Error('sync cancelled');
    run.abort(reason);
    expect(calls.every((c) => c.signal.aborted && c.signal.reason === reason)).toBe(true);
    for (const c of calls) c.done();
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);
  });

  it('leaves nothing on the run’s signal once the calls are over, and starts cancelled after a cancel', () => {
    const run = new AbortController();
    const [a, b] = [follow(run.signal), follow(run.signal)];
    a.done();
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(1);
    b.done();
    b.done();
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);
    expect(a.signal.aborted).toBe(false);
    run.abort(new Error('stop'));
    expect(follow(run.signal).signal.reason).toEqual(new Error('stop'));
  });
});
