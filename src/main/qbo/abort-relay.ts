// One cancel signal covers a whole sync run: every company, every page, every retry wait, dozens of calls
// at once. Were each call (undici, the limiter's and the retry's sleeps) to listen on it directly, Node
// would count a pile of listeners on one signal and print a MaxListenersExceededWarning; so each call
// gets a signal of its own, and the run's signal has one listener that passes an abort on to the calls
// in progress, removed when the last of them ends. (AbortSignal.any would do the same, but on Node 20 a
// long-lived signal keeps a trace of every signal derived from it: https://github.com/nodejs/node/issues/55351.)

type Relay = { calls: Set<AbortController>; onAbort: () => void };

const relays = new WeakMap<AbortSignal, Relay>();

export type FollowingSignal = {
  signal: AbortSignal;
  /** The call is over: stop following. */ done(): void;
};

/** A signal for one call that aborts, with the same reason, when `outer` does. */
export function follow(outer: AbortSignal): FollowingSignal {
  const call = new AbortController();
  if (outer.aborted) {
    call.abort(outer.reason);
    return { signal: call.signal, done: () => undefined };
  }
  let relay = relays.get(outer);
  if (!relay) {
    const calls = new Set<AbortController>();
    const onAbort = () => {
      relays.delete(outer);
      for (const c of calls) c.abort(outer.reason);
      calls.clear();
    };
    relay = { calls, onAbort };
    relays.set(outer, relay);
    outer.addEventListener('abort', onAbort, { once: true });
  }
  const { calls, onAbort } = relay;
  calls.add(call);
  return {
    signal: call.signal,
    done: () => {
      if (!calls.delete(call) || calls.size > 0) return;
      outer.removeEventListener('abort', onAbort);
      relays.delete(outer);
    },
  };
}
