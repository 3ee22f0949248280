// The browser version's adapter to main (`rowcol app`, src/main/web/server.ts): the same RowcolApi the
// preload puts on window.rowcol in Electron, over the page's own origin. Invoke is POST /api/invoke, whose
// answer is the contract's result envelope; events arrive over Server-Sent Events from /api/events. The
// session cookie goes along by itself (same origin), and the page never sees it (HttpOnly).
import {
  eventChannels,
  type EventChannel,
  type EventMap,
  type InvokeChannel,
  type RowcolApi,
  type ValueOf,
} from '../../../core/contract.ts';
import { fail, type Result } from '../../../core/result.ts';

const stoppedMessage =
  'RowCol’s server is not answering: it may have been stopped. Start `rowcol app` again and open the link it prints.';
const sessionEndedMessage =
  'This page is no longer signed in to RowCol’s server (it was restarted?). Open the link `rowcol app` printed.';

export function browserBridge(): RowcolApi {
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  const source = new EventSource('/api/events');
  // A call waits until the event stream is open (or has failed), so the events it causes (a sync's
  // progress) are never sent before the page listens.
  const streamReady = new Promise<void>((resolve) => {
    source.addEventListener('open', () => resolve(), { once: true });
    source.addEventListener('error', () => resolve(), { once: true });
  });
  for (const name of eventChannels)
    source.addEventListener(name, (event) => {
      let payload: unknown;
      try {
        payload = JSON.parse((event as MessageEvent<string>).data);
      } catch {
        return;
      }
      for (const listener of listeners.get(name) ?? []) listener(payload);
    });

  const invoke = async <C extends InvokeChannel>(
    channel: C,
    arg: unknown,
  ): Promise<Result<ValueOf<C>>> => {
    await streamReady;
    let response: Response;
    try {
      response = await fetch('/api/invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ channel, arg }),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch {
      return fail('UNAVAILABLE', stoppedMessage);
    }
    if (response.status === 401) return fail('UNAVAILABLE', sessionEndedMessage);
    try {
      return (await response.json()) as Result<ValueOf<C>>;
    } catch {
      return fail('INTERNAL', `RowCol’s server answered ${response.status} without a result.`);
    }
  };

  return {
    invoke,
    on: <E extends EventChannel>(event: E, listener: (payload: EventMap[E]) => void) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => void set.delete(wrapped);
    },
  };
}
