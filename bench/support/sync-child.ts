// Bench child: one initial sync with the production limits, in its own process so its peak memory is
// its own. Prints one JSON line: wall time, records, requests, peak RSS.
import { openDataDir } from '../../src/main/db/data-dir.ts';
import { openTokenVault } from '../../src/main/oauth/token-vault.ts';
import { productionLimits } from '../../src/main/qbo/limiter.ts';
import { SyncEngine } from '../../src/main/sync/engine.ts';
import type { QboEndpoints } from '../../src/main/qbo/endpoints.ts';

export type SyncRun = {
  ok: boolean;
  error: string | null;
  ms: number;
  records: number;
  requests: number;
  retries: number;
  maxRssKb: number;
};

const [dir, endpointsJson, businessId] = process.argv.slice(2);
const db = openDataDir(dir!);
const engine = new SyncEngine({
  db,
  advisorId: 'local',
  vault: openTokenVault({ db, advisorId: 'local', dataDir: dir!, env: { ROWCOL_KEYCHAIN: 'off' } })
    .vault,
  endpoints: JSON.parse(endpointsJson!) as QboEndpoints,
  limits: productionLimits,
});
const started = performance.now();
const summary = await engine.syncClient(businessId!);
const ms = performance.now() - started;
await engine.close();
db.close();
process.stdout.write(
  JSON.stringify({
    ok: summary.ok,
    error: summary.error?.message ?? null,
    ms,
    records: summary.counts.stored,
    requests: summary.stats.requests,
    retries: summary.stats.retries,
    maxRssKb: process.resourceUsage().maxRSS,
  } satisfies SyncRun) + '\n',
);
