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
  /** The largest V8 heap and external (buffers) memory seen, sampled every 100 ms: where the RSS went. */
  maxHeapMb: number;
  maxExternalMb: number;
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
let maxHeap = 0;
let maxExternal = 0;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  maxHeap = Math.max(maxHeap, m.heapTotal);
  maxExternal = Math.max(maxExternal, m.external);
}, 100);
const started = performance.now();
const summary = await engine.syncClient(businessId!);
const ms = performance.now() - started;
clearInterval(sampler);
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
    maxHeapMb: Math.round(maxHeap / 1e6),
    maxExternalMb: Math.round(maxExternal / 1e6),
  } satisfies SyncRun) + '\n',
);
