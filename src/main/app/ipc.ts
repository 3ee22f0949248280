// Electron IPC in front of the handler table: two fixed IPC channels, the contract's channel checked by
// dispatch, and only our own window's main frame allowed to call.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { EventChannel, EventMap } from '../../core/contract.ts';
import { fail, type Result } from '../../core/result.ts';

export const invokeIpcChannel = 'rowcol:invoke';
export const eventIpcChannel = 'rowcol:event';

/** `dispatch`: the runtime's one gate (Runtime.dispatch), which validates the channel and argument. */
export function registerIpc(
  dispatch: (channel: unknown, arg: unknown) => Promise<Result<unknown>>,
  isTrustedUrl: (url: string) => boolean,
): () => void {
  ipcMain.handle(
    invokeIpcChannel,
    async (event: IpcMainInvokeEvent, channel: unknown, arg: unknown) => {
      const frame = event.senderFrame;
      // Only the app's own top-level page may call main (model: VS Code's validated ipcMain).
      if (!frame || frame !== event.sender.mainFrame || !isTrustedUrl(frame.url))
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
