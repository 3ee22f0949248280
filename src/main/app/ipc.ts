// Electron IPC in front of the handler table: two fixed IPC channels, the contract's channel checked by
// dispatch, and only our own window's main frame showing a page of the app allowed to call
// (security/app-protocol.ts isTrustedSender, unit-tested).
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { EventChannel, EventMap } from '../../core/contract.ts';
import { fail, type Result } from '../../core/result.ts';
import { isTrustedSender } from '../security/app-protocol.ts';

export const invokeIpcChannel = 'rowcol:invoke';
export const eventIpcChannel = 'rowcol:event';

/** `dispatch`: the runtime's one gate (Runtime.dispatch), which validates the channel and argument. */
export function registerIpc(
  dispatch: (channel: unknown, arg: unknown) => Promise<Result<unknown>>,
  devOrigin?: string,
): () => void {
  ipcMain.handle(
    invokeIpcChannel,
    async (event: IpcMainInvokeEvent, channel: unknown, arg: unknown) => {
      const frame = event.senderFrame;
      // Only the app's own top-level page may call main (model: VS Code's validated ipcMain).
      if (
        !isTrustedSender({ frame, mainFrame: event.sender.mainFrame, url: frame?.url }, devOrigin)
      )
        return fail('INVALID_INPUT', 'Caller not allowed.');
      return dispatch(channel, arg);
    },
  );
  return () => ipcMain.removeHandler(invokeIpcChannel);
}

export function publish<E extends EventChannel>(
  target: WebContents,
  event: E,
  payload: EventMap[E],
): void {
  if (!target.isDestroyed()) target.send(eventIpcChannel, event, payload);
}
