// Bench child: mirror write speed on a synced data folder, in a process of its own. Real bills (the
// synced company's, copied under new Ids), 100,000 a round, paired rounds: the anchor (a bare
// better-sqlite3 INSERT of the same Id and JSON text into a table with no key and no index, one
// transaction per 1000), the mirror upsert (mapped rows into mirror_bills, one transaction per 1000, as a
// sync commits a page), and the whole page path of a sync (map, INBOUND log row, upsert, cursor). Rows
// are built before each timed loop and the heap collected, so building the input is charged to none.
// Prints one JSON line.
import { statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { toMirrorRow, type MirrorRow } from '../../src/core/mirror/columns.ts';
import { checkpointSoon, stopBackgroundCheckpoints } from '../../src/main/db/checkpointer.ts';
import { openDataDir } from '../../src/main/db/data-dir.ts';
import { upsertMirrorRows } from '../../src/main/db/repositories/mirror.ts';
import { applyBatches } from '../../src/main/sync/apply.ts';

export type MirrorWrites = {
  total: number;
  avgBytes: number;
  /** records/s of each round */
  bare: number[];
  upsert: number[];
  /** The same Ids and JSON upserted into a table with the mirror's key and nothing else: the key's cost. */
  keyed: number[];
  path: number[];
  load: number;
  walMb: number;
};

const [dir, businessId, roundsArg] = process.argv.slice(2);
const db = openDataDir(dir!);
const collect = () => (globalThis as { gc?: () => void }).gc?.();
const perSecond = (n: number, since: number) =>
  Math.round(n / ((performance.now() - since) / 1000));

const sample = db
  .prepare('SELECT data FROM mirror_bills WHERE business_id = ? LIMIT 1000')
  .all(businessId) as { data: string }[];
if (sample.length < 1000)
  throw new Error('the synced company has fewer than 1000 bills to copy; no upsert figure');
const base = sample.map((r) => JSON.parse(r.data) as Record<string, unknown>);
const total = 100_000;
const rounds = Number(roundsArg ?? 3);
const scope = { advisorId: 'local', businessId: businessId! };
const pages = (offset: number) =>
  Array.from({ length: total / 1000 }, (_, p) =>
    base.map((b, i) => ({ ...b, Id: String(offset + p * 1000 + i) })),
  );
// What the sync left in the WAL is the sync's own work, not this measurement's: write it back first.
db.pragma('wal_checkpoint(TRUNCATE)');
db.exec('CREATE TABLE bench_bare (business_id TEXT, qbo_id TEXT, data TEXT)');
const bareInsert = db.prepare(
  'INSERT INTO bench_bare (business_id, qbo_id, data) VALUES (?, ?, ?)',
);
db.exec(
  'CREATE TABLE bench_keyed (advisor_id TEXT NOT NULL, business_id TEXT NOT NULL, qbo_id TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (advisor_id, business_id, qbo_id))',
);
const keyedUpsert = db.prepare(
  'INSERT INTO bench_keyed (advisor_id, business_id, qbo_id, data) VALUES (?, ?, ?, ?) ON CONFLICT (advisor_id, business_id, qbo_id) DO UPDATE SET data = excluded.data',
);

const bare: number[] = [];
const upsert: number[] = [];
const keyed: number[] = [];
const path: number[] = [];
for (let round = 0; round < rounds; round++) {
  const mapped = pages(1_000_000 + round * total).map((records) =>
    records.map((r) => ({ row: toMirrorRow('Bill', r) as MirrorRow, raw: JSON.stringify(r) })),
  );
  const measureBare = () => {
    collect();
    const t = performance.now();
    for (const rows of mapped)
      db.transaction(() => {
        for (const { row, raw } of rows) bareInsert.run(businessId, row.qboId, raw);
      })();
    bare.push(perSecond(total, t));
  };
  const measureUpsert = () => {
    collect();
    const t = performance.now();
    for (const rows of mapped) {
      db.transaction(() => upsertMirrorRows(db, scope, 'Bill', rows, new Date().toISOString()))();
      checkpointSoon(db); // as applyBatches does after each page
    }
    upsert.push(perSecond(total, t));
  };
  const measureKeyed = () => {
    collect();
    const t = performance.now();
    for (const rows of mapped)
      db.transaction(() => {
        for (const { row, raw } of rows) keyedUpsert.run('local', businessId, row.qboId, raw);
      })();
    keyed.push(perSecond(total, t));
  };
  measureKeyed();
  // Alternate which goes first, so neither always meets the WAL the other left.
  if (round % 2) {
    measureUpsert();
    measureBare();
  } else {
    measureBare();
    measureUpsert();
  }
  const raw = pages(2_000_000 + round * total);
  collect();
  const t1 = performance.now();
  for (const [p, records] of raw.entries()) {
    applyBatches(
      db,
      scope,
      [
        {
          entity: 'Bill',
          records,
          operation: 'query',
          intuitTid: null,
          position: { startPosition: p * 1000 + 1 },
          cursor: {},
        },
      ],
      new Date().toISOString(),
    );
  }
  path.push(perSecond(total, t1));
}
const load = loadavg()[0]!;
db.exec('DROP TABLE bench_bare');
db.exec('DROP TABLE bench_keyed');
const walMb = Math.round(statSync(`${db.name}-wal`).size / 1e6);
await stopBackgroundCheckpoints(db);
db.close();

const avgBytes = Math.round(sample.reduce((n, r) => n + r.data.length, 0) / sample.length);
process.stdout.write(
  JSON.stringify({
    total,
    avgBytes,
    bare,
    upsert,
    keyed,
    path,
    load,
    walMb,
  } satisfies MirrorWrites) + '\n',
);
