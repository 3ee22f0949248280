// Malformed records never crash a sync and are never dropped silently: stored and flagged, or rejected
// with a logged reason; fetched = stored + rejected. Base records are the real fixture bills.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDataDir } from '../../src/main/db/data-dir.ts';
import { saveClient } from '../../src/main/db/repositories/clients.ts';
import { listHygieneItems } from '../../src/main/db/repositories/hygiene-items.ts';
import { countMirror, readMirror } from '../../src/main/db/repositories/mirror.ts';
import { openTokenVault } from '../../src/main/oauth/token-vault.ts';
import { SyncEngine } from '../../src/main/sync/engine.ts';
import { startReplayQbo } from './support/replay-qbo.ts';
import { fixture } from '../support/fixtures.ts';

const bill = (name: string) => fixture<Record<string, unknown>>(name);

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('malformed records', () => {
  it('stores and flags bad fields, rejects unkeyable records with a logged reason, and the counts reconcile', async () => {
    const good = bill('bill_open_single_line.json');
    const records = [
      good,
      bill('bill_open_multi_line.json'),
      { ...good, Id: undefined }, // missing Id
      null, // not an object
      { ...good, Id: '9001', TotalAmt: 'lots', VendorRef: 5 }, // wrong types
      { ...good, Id: '9002', TotalAmt: 1e15, Balance: 1e15 }, // absurd amount
      { ...good, Id: '9003', DueDate: '2023-13-45', TxnDate: 'yesterday' }, // bad dates
      { ...good, Id: '9004', DocNumber: 'x'.repeat(200_000) }, // huge string
      { ...good, Id: '9005', SomethingNew: { nested: [1, 2, 3] }, Mystery: true }, // unknown fields
    ];
    const qbo = await startReplayQbo({ Bill: records });
    cleanups.push(() => qbo.close());
    const dir = mkdtempSync(join(tmpdir(), 'rowcol-malformed-'));
    const db = openDataDir(dir);
    cleanups.push(() => void db.close());
    const businessId = saveClient(db, { advisorId: 'local', realmId: '4620816365', environment: 'custom', apiBaseUrl: qbo.apiBaseUrl, displayName: 'Replay', now: new Date().toISOString() });
    const vault = openTokenVault({ db, advisorId: 'local', dataDir: dir, env: { ROWCOL_KEYCHAIN: 'off' } }).vault;
    await vault.save(businessId, { realmId: '4620816365', accessToken: 'a'.repeat(40), refreshToken: 'r'.repeat(40), accessExpiresAt: Date.now() + 3_600_000, refreshExpiresAt: Date.now() + 86_400_000 });
    const engine = new SyncEngine({ db, advisorId: 'local', vault, endpoints: { apiBaseUrl: qbo.apiBaseUrl, authorizeUrl: '', tokenUrl: '', revokeUrl: '', clientId: 'x', clientSecret: 'y' }, pageSize: 4 });
    cleanups.push(() => engine.close());

    const summary = await engine.syncClient(businessId, { entities: ['Bill'] });
    expect(summary.error).toBeNull();
    expect(summary.counts.fetched).toBe(records.length);
    expect(summary.counts.rejected).toBe(2);
    expect(summary.counts.stored).toBe(records.length - 2);
    expect(summary.counts.fetched).toBe(summary.counts.stored + summary.counts.rejected);

    const scope = { advisorId: 'local', businessId };
    expect(countMirror(db, scope, 'Bill')).toBe(7);
    const byId = new Map(readMirror(db, scope, 'Bill').map((r) => [r.qboId, r]));
    expect(byId.get('9001')?.problems.join(' ')).toMatch(/TotalAmt: not a number/);
    expect(byId.get('9002')?.problems.join(' ')).toMatch(/absurd amount/);
    expect(byId.get('9003')?.problems.join(' ')).toMatch(/DueDate: not a date/);
    expect(byId.get('9004')?.problems.join(' ')).toMatch(/longer than/);
    expect(byId.get('9005')?.problems).toEqual([]);
    expect((byId.get('9005')?.data as { Mystery?: boolean }).Mystery).toBe(true); // raw JSON kept whole

    const rejects = db.prepare(`SELECT error, data FROM integration_log WHERE operation = 'reject' ORDER BY id`).all() as { error: string; data: string }[];
    expect(rejects.map((r) => r.error)).toEqual(['Bill: missing or malformed Id', 'Bill: record is not an object']);
    const items = listHygieneItems(db, scope).filter((i) => i.code === 'MALFORMED_RECORD');
    expect(items.map((i) => i.recordKey).sort()).toEqual(['Bill:9001', 'Bill:9002', 'Bill:9003', 'Bill:9004', 'Bill:rejected']);
    const logged = db.prepare(`SELECT SUM(record_count) AS n FROM integration_log WHERE operation = 'query' AND entity = 'Bill'`).get() as { n: number };
    expect(logged.n).toBe(records.length);
  });
});
