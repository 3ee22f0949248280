// The runtime's events to every open page over Server-Sent Events (GET /api/events): what Electron's
// `rowcol:event` IPC channel is to the window. One `event:` line per contract event, its payload as JSON.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { eventChannels, type EventChannel, type EventMap } from '../../core/contract.ts';
import type { Listen } from '../runtime/events.ts';

/** A comment line now and then keeps proxies and idle-connection reapers from closing the stream. */
const keepAliveMs = 25_000;

export type EventStream = {
  /** Answers GET /api/events: the stream stays open until the page or the server goes. */
  attach(req: IncomingMessage, res: ServerResponse): void;
  publish<E extends EventChannel>(event: E, payload: EventMap[E]): void;
  close(): void;
};

export function eventStream(on: Listen): EventStream {
  const pages = new Set<ServerResponse>();
  const send = (frame: string) => {
    for (const res of pages) res.write(frame);
  };
  const publish = <E extends EventChannel>(event: E, payload: EventMap[E]) =>
    // JSON.stringify writes no newline, so the payload is one `data:` line.
    send(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  const offs = eventChannels.map((event) => on(event, (payload) => publish(event, payload)));
  const timer = setInterval(() => send(': keep-alive\n\n'), keepAliveMs);
  timer.unref();
  return {
    attach: (req, res) => {
      req.socket.setNoDelay(true);
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      // Registered before the first byte goes out: once the page sees the stream open (the browser
      // bridge waits for that before its first call), no event that call causes can be missed.
      pages.add(res);
      res.write(': connected\n\n');
      const drop = () => pages.delete(res);
      req.on('close', drop);
      res.on('close', drop);
    },
    publish,
    close: () => {
      clearInterval(timer);
      for (const off of offs) off();
      for (const res of pages) res.end();
      pages.clear();
    },
  };
}
