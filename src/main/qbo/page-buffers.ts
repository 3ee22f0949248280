// Buffers for query pages, used again page after page. A first load reads hundreds of ~1 MB answers; a
// fresh buffer for each leaves its memory to the collector, which frees it only at its next full
// collection, so a sync's resident memory grew by tens of MB of answers already written (issue 14: peak
// RSS). A page's buffer comes back here once its records are decoded (qbo/raw-records.ts); a
// page never decoded (a load that stepped back or failed) simply leaves its buffer to the collector.
import type { Readable } from 'node:stream';

/** Buffers kept for the next pages: enough for every page a sync has in flight (10 per company). */
const kept = 16;

export class PageBuffers {
  private readonly free: Buffer[] = [];

  /** The whole body in a buffer of this pool (its first `length` bytes), and how to give it back. */
  async read(body: Readable): Promise<{ bytes: Buffer; release: () => void }> {
    let buffer = this.free.pop() ?? Buffer.allocUnsafe(1 << 20);
    let length = 0;
    for await (const chunk of body as AsyncIterable<Buffer>) {
      if (length + chunk.length > buffer.length) {
        const bigger = Buffer.allocUnsafe(Math.max(buffer.length * 2, length + chunk.length));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      chunk.copy(buffer, length);
      length += chunk.length;
    }
    let released = false;
    const whole = buffer;
    return {
      bytes: whole.subarray(0, length),
      release: () => {
        if (released) return;
        released = true;
        if (this.free.length < kept) this.free.push(whole);
      },
    };
  }
}
