// The renderer's only door to main, typed by the contract. Two adapters over the one RowcolApi: in
// Electron the preload's `window.rowcol` (IPC); in a browser (`rowcol app`) the browser bridge (fetch and
// Server-Sent Events to the page's own server), chosen at the first call when there is no window.rowcol.
import type {
  ArgOf,
  EventChannel,
  EventMap,
  InvokeChannel,
  RowcolApi,
  ValueOf,
} from '../../../core/contract.ts';
import type { Result } from '../../../core/result.ts';
import { browserBridge } from './browser-bridge.ts';

declare global {
  interface Window {
    rowcol?: RowcolApi;
  }
}

let chosen: RowcolApi | undefined;

function bridge(): RowcolApi {
  return (chosen ??= window.rowcol ?? browserBridge());
}

export function invoke<C extends InvokeChannel>(
  channel: C,
  arg: ArgOf<C>,
): Promise<Result<ValueOf<C>>> {
  return bridge().invoke(channel, arg);
}

export function on<E extends EventChannel>(
  event: E,
  listener: (payload: EventMap[E]) => void,
): () => void {
  return bridge().on(event, listener);
}
