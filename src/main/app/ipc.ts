// Electron IPC in front of the handler table: two fixed IPC channels, the contract's channel checked by
// dispatch, and only our own window's main frame allowed to call.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { EventChannel, EventMap, Handlers } from '../../core/contract.ts';
import { fail } from '../../core/result.ts';
import { dispatch } from '../handlers/dispatch.ts';

export const invokeIpcChannel = 'rowcol:invoke';
export const eventIpcChannel = 'rowcol:event';

export function registerIpc(handlers: Handlers, isTrustedUrl: (url: string) => boolean): () => void {
  ipcMain.handle(invokeIpcChannel, async (event: IpcMainInvokeEvent, channel: unknown, arg: unknown) => {
    const frame = event.senderFrame;
    // Only the app's own top-level page may call main (model: VS Code's validated ipcMain).
    if (!frame || frame !== event.sender.mainFrame || !isTrustedUrl(frame.url)) return fail('INVALID_INPUT', 'Caller not allowed.');
    return dispatch(handlers, channel, arg);
  });
  return () => ipcMain.removeHandler(invokeIpcChannel);
}

export function publish<E extends EventChannel>(target: WebContents, event: E, payload: EventMap[E]): void {
  if (!target.isDestroyed()) target.send(eventIpcChannel, event, payload);
}
