// The sandboxed preload: exposes exactly `invoke` and `on` (the RowcolApi of the contract) and never
// ipcRenderer itself. Main validates every channel name and argument.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { EventChannel, EventMap, RowcolApi } from '../core/contract.ts';

const listeners = new Map<string, Set<(payload: unknown) => void>>();

ipcRenderer.on('rowcol:event', (_event: IpcRendererEvent, name: string, payload: unknown) => {
  for (const listener of listeners.get(name) ?? []) listener(payload);
});

const api: RowcolApi = {
  invoke: (channel, arg) => ipcRenderer.invoke('rowcol:invoke', channel, arg),
  on: <E extends EventChannel>(event: E, listener: (payload: EventMap[E]) => void) => {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    const wrapped = listener as (payload: unknown) => void;
    set.add(wrapped);
    return () => set.delete(wrapped);
  },
};

contextBridge.exposeInMainWorld('rowcol', api);
