// The runtime's events reach the page over Server-Sent Events: a sync started over /api/invoke reports
// its progress on /api/events, as the window's IPC does in Electron. Real emulator, real engine.
import { request, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventChannel } from '../../src/core/contract.ts';
import { startHarness, type Harness } from '../sync/support/harness.ts';
import { invokeOver, serve, type Served } from './support.ts';

type Frame = { event: string; data: unknown };

/** Opens the event stream as EventSource does and collects its frames. */
type Stream = {
  frames: Frame[];
  response: IncomingMessage;
  /** Resolves once this many frames have arrived (the test's own timeout is the only limit). */
  received(count: number): Promise<void>;
  close(): void;
};

function openStream(s: Served): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${s.server.origin}/api/events`,
      { headers: { ...s.own, accept: 'text/event-stream' } },
      (response) => {
        const frames: Frame[] = [];
        const waiting: { count: number; resolve: () => void }[] = [];
        const received = (count: number) =>
          new Promise<void>((done) => {
            if (frames.length >= count) done();
            else waiting.push({ count, resolve: done });
          });
        let buffer = '';
        response.setEncoding('utf8');
        const opened = { done: false };
        response.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const lines = block.split('\n');
            const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
            const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
            if (event && data !== undefined) frames.push({ event, data: JSON.parse(data) });
            for (const w of waiting.filter((w) => frames.length >= w.count)) w.resolve();
            // The first comment means the server has this page on its list.
            if (!opened.done) {
              opened.done = true;
              resolve({ frames, response, received, close: () => req.destroy() });
            }
          }
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('events over Server-Sent Events', () => {
  let h: Harness;
  let served: Served;
  beforeAll(async () => {
    h = await startHarness({ companies: 1, seed: 5 });
    served = await serve(h.runtime());
  });
  afterAll(async () => {
    await served?.close();
    await h?.close();
  });

  it('streams a sync’s progress to the page that started it, every event in order', async () => {
    const stream = await openStream(served);
    // What the runtime published, to compare with what the page received.
    const published: { event: EventChannel; data: unknown }[] = [];
    const offs = (['sync:progress', 'sync:clients'] as const).map((event) =>
      served.runtime.on(event, (data) => published.push({ event, data })),
    );
    const off = () => offs.forEach((o) => o());
    try {
      expect(stream.response.statusCode).toBe(200);
      expect(stream.response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      const call = await invokeOver(served, { channel: 'sync:run', arg: {} });
      const result = JSON.parse(call.body);
      expect(result.ok).toBe(true);
      expect(result.value[0]).toMatchObject({ businessId: h.clients[0]!.businessId, error: null });
      expect(published.length).toBeGreaterThan(1);
      await stream.received(published.length);
      expect(stream.frames).toEqual(published);
      const progress = stream.frames.filter((f) => f.event === 'sync:progress');
      expect(progress.at(-1)!.data).toMatchObject({ done: true });
      // The run's "N of M clients": at its start, and as its one client finished.
      expect(stream.frames.at(-1)).toMatchObject({
        event: 'sync:clients',
        data: { total: 1, done: 1, last: { ok: true } },
      });
    } finally {
      off();
      stream.close();
    }
  });

  it('keeps sending each event to the open pages after another page has gone', async () => {
    const a = await openStream(served);
    const b = await openStream(served);
    b.close();
    // The server drops a page as its connection closes.
    await new Promise((resolve) => b.response.once('close', resolve));
    try {
      served.server.publish('connection:failed', { message: 'the browser never came back' });
      await a.received(1);
      expect(a.frames[0]).toEqual({
        event: 'connection:failed',
        data: { message: 'the browser never came back' },
      });
      expect(b.frames).toEqual([]);
    } finally {
      a.close();
    }
  });
});
