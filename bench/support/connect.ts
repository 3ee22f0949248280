// Bench helper: a fresh data folder with every company of an emulator connected through the real
// OAuth flow (auto-approve consent, loopback listener, intuit-oauth).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDataDir } from '../../src/main/db/data-dir.ts';
import type { Db } from '../../src/main/db/open.ts';
import type { EmulatorHandle } from '../../emulator/index.ts';
import { openTokenVault } from '../../src/main/oauth/token-vault.ts';
import type { TokenVault } from '../../src/main/oauth/tokens.ts';
import { endpointsOf } from '../../src/main/qbo/endpoints.ts';
import { connectDemoCompany, type DemoBooks } from '../../src/main/sync/demo.ts';

export { endpointsOf };

export async function connectAll(
  emulator: EmulatorHandle,
): Promise<{ dir: string; db: Db; vault: TokenVault; businessIds: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'rowcol-bench-'));
  const db = openDataDir(dir);
  const vault = openTokenVault({
    db,
    advisorId: 'local',
    dataDir: dir,
    env: { ROWCOL_KEYCHAIN: 'off' },
  }).vault;
  const books = { emulator, endpoints: endpointsOf(emulator) } as unknown as DemoBooks;
  const businessIds: string[] = [];
  for (const c of emulator.companies)
    businessIds.push((await connectDemoCompany(db, 'local', vault, books, c.realmId)).businessId);
  return { dir, db, vault, businessIds };
}
