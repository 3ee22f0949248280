// The runtime's events (the contract's EventMap): the sync engine and handlers publish, the Electron glue
// forwards them to the window, the CLI prints progress from them, tests listen.
import type { EventChannel, EventMap } from '../../core/contract.ts';

export type Emit = <E extends EventChannel>(event: E, payload: EventMap[E]) => void;
export type Listen = <E extends EventChannel>(
  event: E,
  listener: (payload: EventMap[E]) => void,
) => () => void;

export function eventBus(): { emit: Emit; on: Listen } {
  const listeners = new Map<EventChannel, Set<(payload: never) => void>>();
  return {
    emit: (event, payload) => {
      for (const l of listeners.get(event) ?? []) {
        // A listener's bug must not stop a sync that is reporting progress.
        try {
          (l as (p: typeof payload) => void)(payload);
        } catch (error) {
          console.error(
            `[rowcol] a ${event} listener failed: ${(error as Error)?.message ?? String(error)}`,
          );
        }
      }
    },
    on: (event, listener) => {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (payload: never) => void);
      return () => void set.delete(listener as (payload: never) => void);
    },
  };
}
