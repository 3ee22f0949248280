// Background WAL checkpoints for bulk writes. A sync appends pages to the WAL; copying them back into the
// database file (a checkpoint, with its fsync) is the slowest part of a write and, done by the writer,
// stalls the main thread for a few hundred ms every ~80 MB: the sync waits, and in the app so does every
// IPC call. While a sync writes, a worker thread with its own connection runs the checkpoints instead
// (https://www.sqlite.org/wal.html#checkpointing: a PASSIVE checkpoint runs beside the writer). The
// writer keeps its own automatic checkpoint only as a backstop, so the WAL stays bounded if the worker
// falls behind or fails; an idle worker closes and the writer's normal checkpointing comes back.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { nativeBindingOf, walAutocheckpointPages, type Db } from './open.ts';

/** The writer's own checkpoint while the worker runs: ~240 MB of WAL with 8 KiB pages. */
const backstopPages = 30_000;
/** A worker with nothing to do for this long closes (a sync writes a page every few hundred ms). */
const idleMs = 5_000;

// Requests travel through shared memory, not messages: a sync that writes page after page without
// yielding to the event loop still gets its checkpoints. Slot 0 counts requests, slot 1 asks to stop.
// Plain CommonJS, run with `eval`: no file to bundle or resolve next to the app's own chunks.
const workerSource = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const signal = new Int32Array(workerData.signal);
const db = new Database(workerData.file, { fileMustExist: true, nativeBinding: workerData.nativeBinding });
db.pragma('busy_timeout = 1000');
let seen = 0;
for (;;) {
  Atomics.wait(signal, 0, seen, workerData.idleMs);
  const asked = Atomics.load(signal, 0);
  if (Atomics.load(signal, 1) || asked === seen) break;
  seen = asked;
  try { db.pragma('wal_checkpoint(PASSIVE)'); }
  catch (e) { if (workerData.debug) console.error('[rowcol] a background checkpoint failed: ' + ((e && e.message) || e)); }
}
db.close();
`;

class BackgroundCheckpointer {
  private readonly signal = new Int32Array(new SharedArrayBuffer(8));
  private ended = false;
  private readonly worker: Worker;
  readonly done: Promise<void>;

  constructor(
    private readonly db: Db,
    onEnd: (failed: boolean) => void,
  ) {
    const worker = (this.worker = new Worker(workerSource, {
      eval: true,
      // Not the parent's flags (a TypeScript loader, --expose-gc): the worker runs plain CommonJS.
      execArgv: [],
      workerData: {
        module: createRequire(import.meta.url).resolve('better-sqlite3'),
        file: db.name,
        nativeBinding: nativeBindingOf(db),
        signal: this.signal.buffer,
        idleMs,
        debug: Boolean(process.env.ROWCOL_DEBUG),
      },
    }));
    // Never keeps a process alive: a CLI command that ends mid-checkpoint leaves a consistent file
    // (an interrupted checkpoint is simply redone by the next one).
    worker.unref();
    db.pragma(`wal_autocheckpoint = ${backstopPages}`);
    this.done = new Promise((resolve) => {
      const end = (why?: Error) => {
        if (why) debug(`the checkpoint worker stopped: ${why.message}`);
        if (this.ended) return;
        this.ended = true;
        // Back to the writer's own checkpoints, unless the writer was closed first.
        if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${walAutocheckpointPages}`);
        onEnd(why !== undefined);
        resolve();
      };
      worker.on('error', end);
      worker.once('exit', () => end());
    });
  }

  /** Asks for a checkpoint after a commit; requests made while one runs fold into one more. */
  nudge(): void {
    if (this.ended) return;
    Atomics.add(this.signal, 0, 1);
    Atomics.notify(this.signal, 0);
  }

  async close(): Promise<void> {
    // Whoever waits for the close keeps the process alive until the worker has closed its connection.
    if (!this.ended) this.worker.ref();
    Atomics.store(this.signal, 1, 1);
    // Slot 0 changes too: a worker between two waits (running a checkpoint) would otherwise go back to
    // waiting on an unchanged slot 0 and see the stop only after idleMs.
    Atomics.add(this.signal, 0, 1);
    Atomics.notify(this.signal, 0);
    await this.done;
  }
}

const byDb = new WeakMap<Db, BackgroundCheckpointer>();
/** Databases whose worker could not start: they keep the writer's checkpoints, without retrying. */
const refused = new WeakSet<Db>();

function debug(line: string): void {
  if (process.env.ROWCOL_DEBUG) console.error(`[rowcol] ${line}`);
}

/**
 * After a bulk write has committed: makes sure a checkpoint worker runs for this database and asks it to
 * write the WAL back. A no-op for a read-only or in-memory database, or where no worker can start.
 */
export function checkpointSoon(db: Db): void {
  let c = byDb.get(db);
  if (!c) {
    if (refused.has(db) || db.memory || db.readonly || !db.open) return;
    try {
      if (db.pragma('journal_mode', { simple: true }) !== 'wal') {
        refused.add(db);
        return;
      }
      c = new BackgroundCheckpointer(db, (failed) => {
        byDb.delete(db);
        // A worker that broke is not started again for this database: its writer checkpoints itself.
        if (failed) refused.add(db);
      });
      byDb.set(db, c);
    } catch (error) {
      refused.add(db);
      debug(`no checkpoint worker, the writer checkpoints itself: ${(error as Error).message}`);
      return;
    }
  }
  c.nudge();
}

/** Ends the database's checkpoint worker, if one runs (before closing the database, or at the end of a sync). */
export async function stopBackgroundCheckpoints(db: Db): Promise<void> {
  await byDb.get(db)?.close();
}
