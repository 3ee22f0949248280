// Regression tests for the code review of the advisor's work (held bills, currencies, burn, tray, CLI).
// Real SQLite files, QBO-shaped records written through toMirrorRow + upsertMirrorRows (writeRecords).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallList } from '../../src/core/advisor-work.ts';
import { main } from '../../src/main/cli/main.ts';
import type { CliIo } from '../../src/main/cli/io.ts';
import { addClient, invoice, writeRecords } from '../support/qbo-books.ts';
import { tempDataDir } from '../support/temp-db.ts';

let env: ReturnType<typeof tempDataDir>;
afterEach(() => env.cleanup());

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), isTTY: false, env: { ROWCOL_NOW: '2024-06-03T12:00:00' } };
  const code = await main(['--data-dir', env.dir, ...argv], io);
  return { code, out, err };
}

describe('rowcol calls', () => {
  let businessId: string;
  beforeEach(() => {
    env = tempDataDir();
    const s = addClient(env.db, 'local', '9001', 'Two Currency Co');
    businessId = s.businessId;
    writeRecords(env.db, s, 'Invoice', [
      invoice({ id: '1', txnDate: '2024-04-01', dueDate: '2024-04-20', totalCents: 100_000 }),
      invoice({ id: '2', txnDate: '2024-04-01', dueDate: '2024-04-20', totalCents: 50_000, currency: 'EUR', exchangeRate: 1.1 }),
    ]);
    env.db.close();
  });

  it('totals each currency on its own, never one sum', async () => {
    const list = JSON.parse((await run('calls', '--json')).out) as CallList;
    expect(list.totals['30']).toEqual({ count: 2, byCurrency: { USD: 100_000, EUR: 50_000 } });
    const text = (await run('calls')).out;
    expect(text).toContain('30-59 days: 2 · EUR 500.00 + $1,000.00');
    expect(text).not.toContain('$1,500.00');
  });

  it('refuses an unknown client in one line with exit 2', async () => {
    const r = await run('calls', '--client', 'UNKNOWN');
    expect(r.code).toBe(2);
    expect(r.err).toContain('No client UNKNOWN.');
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.out).toBe('');
  });
});
