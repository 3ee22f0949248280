// `rowcol tray` (in-process, through main(argv, io), over a real data folder): a client's sync problem is
// one line above its items with the command that fixes it, never a row of the list.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/main/cli/main.ts';
import type { CliIo } from '../../src/main/cli/io.ts';
import { openDataDir } from '../../src/main/db/data-dir.ts';
import { raiseSyncProblem } from '../../src/main/sync/hygiene.ts';
import { plantBooks } from '../support/planted-books.ts';
import { tempDataDir } from '../support/temp-db.ts';

let env: ReturnType<typeof tempDataDir>;
let businessId: string;
beforeEach(() => {
  env = tempDataDir();
  businessId = plantBooks(env.db).businessId;
  env.db.close();
});
afterEach(() => env.cleanup());

async function run(...argv: string[]) {
  let out = '';
  const io: CliIo = {
    out: (t) => (out += t),
    err: () => {},
    isTTY: false,
    env: { ROWCOL_NOW: '2024-06-03T12:00:00' },
  };
  const code = await main(['--data-dir', env.dir, ...argv], io);
  return { code, out };
}

describe('rowcol tray and a failed sync', () => {
  it('says the sync failed and how to sync again, above the items, and lists no SYNC_FAILED row', async () => {
    expect((await run('tray', '--client', businessId)).out).not.toMatch(/^Sync:/);
    const db = openDataDir(env.dir);
    raiseSyncProblem(
      db,
      { advisorId: 'local', businessId },
      'SYNC_FAILED',
      'Cannot reach QuickBooks',
      '2024-06-03T11:00:00.000Z',
    );
    db.close();
    const { code, out } = await run('tray', '--client', businessId);
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toBe(
      `Sync: The last sync with QuickBooks failed: the numbers below are from the last good sync (Cannot reach QuickBooks); sync again: rowcol sync --client ${businessId}`,
    );
    expect(out).not.toContain('SYNC_FAILED');
    expect(out).toContain('DUPLICATE_BILL');
  });
});
