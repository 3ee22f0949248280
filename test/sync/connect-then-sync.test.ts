// `rowcol connect && rowcol sync`: connecting reads the company's CompanyInfo, and the sync that follows
// in a new process, a moment later, must count that read in QBO's per-second window of the realm or its
// first burst draws a 429 (and Intuit's 60 s wait). Real CLI process, emulator with QBO's limits.
import { afterEach, describe, expect, it } from 'vitest';
import { emulatorEnv, runRowcol } from '../support/rowcol-process.ts';
import { startHarness, type Harness } from './support/harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('a sync started right after connecting, in another process', () => {
  it('stays within the realm per-second limit that the connect began to use', async () => {
    h = await startHarness({ size: 'small' });
    // The harness has just connected the company through the real OAuth flow (its CompanyInfo read last).
    const { businessId, realmId } = h.clients[0]!;
    const sync = await runRowcol(['sync', '--client', businessId, '--json'], {
      ...process.env,
      ROWCOL_DATA_DIR: h.dir,
      ROWCOL_QBO_API_BASE_URL: h.emulator.apiBaseUrl,
      ...emulatorEnv(h.emulator),
    });
    expect(sync.stderr).toBe('');
    expect(sync.code).toBe(0);
    const counters = await h.admin<{
      realms: Record<string, { total: number; throttled: number }>;
    }>('GET', '/counters');
    expect(counters.realms[realmId]!.throttled).toBe(0);
    const summary = JSON.parse(sync.stdout) as {
      clients: { businessId: string; ok: boolean; throttled: number; retries: number }[];
    };
    expect(summary.clients).toEqual([
      expect.objectContaining({ businessId, ok: true, throttled: 0, retries: 0 }),
    ]);
  });
});
