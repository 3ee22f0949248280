// What "nothing lost" costs on a big database (issue 10 §9): PRAGMA quick_check, which every open for
// writing runs (db/open.ts), set against `node -e 0` and the CLI's cold-start budget (3× `node -e 0`); a
// verified backup (db/backup.ts) and a restore (db/restore.ts). The database is the emulator's large
// company after a full sync (~46,000 records). Figures are printed, never asserted; the page cache is
// warm (the file was just written), as it is for a command run right after another.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator } from '../emulator/index.ts';
import { backupNow } from '../src/main/db/backup.ts';
import { databaseFileName, integrityProblem, openDatabase } from '../src/main/db/open.ts';
import { restoreBackup } from '../src/main/db/restore.ts';
import { SyncEngine } from '../src/main/sync/engine.ts';
import { connectAll, endpointsOf } from './support/connect.ts';

const say = (s: string) => console.log(`   ${s}`);
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;
function time(rounds: number, f: () => void): number[] {
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    f();
    out.push(performance.now() - t);
  }
  return out;
}

const emulator = await startEmulator({ seed: 1, size: 'large', companies: 1 });
const a = await connectAll(emulator);
const engine = new SyncEngine({
  db: a.db,
  advisorId: 'local',
  vault: a.vault,
  endpoints: endpointsOf(emulator),
});
const summary = await engine.syncClient(a.businessIds[0]!);
await engine.close();
await emulator.close();
const file = join(a.dir, databaseFileName);
const pages = a.db.pragma('page_count', { simple: true }) as number;
const pageSize = a.db.pragma('page_size', { simple: true }) as number;
a.db.close();
say(
  `database: ${summary.counts.stored.toLocaleString('en-US')} records, ${((pages * pageSize) / 1_048_576).toFixed(1)} MB`,
);

const nodeStart = median(time(5, () => spawnSync(process.execPath, ['-e', '0'])));
const check = median(
  time(5, () => {
    const db = openDatabase(file, { readonly: true });
    integrityProblem(db);
    db.close();
  }),
);
const openChecked = median(time(5, () => openDatabase(file).close()));
const openUnchecked = median(time(5, () => openDatabase(file, { check: false }).close()));
say(
  `node -e 0: ${ms(nodeStart)} (median of 5); the CLI's cold-start budget is 3× that: ${ms(3 * nodeStart)}`,
);
say(
  `PRAGMA quick_check: ${ms(check)} = ${(check / nodeStart).toFixed(2)}× node -e 0 (median of 5)`,
);
say(`open for writing: ${ms(openChecked)} with the check, ${ms(openUnchecked)} without`);

const db = openDatabase(file);
const t0 = performance.now();
const backup = await backupNow(db, a.dir);
const backupMs = performance.now() - t0;
db.close();
say(
  `backupNow (copy + journal_mode=DELETE + quick_check of the copy): ${ms(backupMs)}, ${(backup.bytes / 1_048_576).toFixed(1)} MB`,
);
const t1 = performance.now();
const restored = restoreBackup(a.dir);
say(
  `restoreBackup (check, copy, keep the intact newer tables, mark ${restored.clientsToReload} client for a fresh load, swap): ${ms(performance.now() - t1)}`,
);
rmSync(a.dir, { recursive: true, force: true });
