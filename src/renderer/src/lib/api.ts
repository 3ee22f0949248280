// The renderer's only door to main: the preload's `window.rowcol`, typed by the contract.
import type {
  ArgOf,
  EventChannel,
  EventMap,
  InvokeChannel,
  RowcolApi,
  ValueOf,
} from '../../../core/contract.ts';
import type { Result } from '../../../core/result.ts';

declare global {
  interface Window {
    rowcol?: RowcolApi;
  }
}

function bridge(): RowcolApi {
  if (!window.rowcol)
    throw new Error('RowCol’s bridge to the app is missing (the page was opened outside the app).');
  return window.rowcol;
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
