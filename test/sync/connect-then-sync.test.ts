// `rowcol connect && rowcol sync`: connecting reads the company's CompanyInfo, and the sync that follows
// in a new process, a moment later, must count that read in QBO's per-second window of the realm or its
// first burst draws a 429 (and Intuit's 60 s wait). Real CLI process, emulator with QBO's limits.
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/rowcol.js', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

describe('a sync started right after connecting, in another process', () => {
  it('stays within the realm per-second limit that the connect began to use', async () => {
    h = await startHarness({ size: 'small' });
    // The harness has just connected the company through the real OAuth flow (its CompanyInfo read last).
    const { businessId, realmId } = h.clients[0]!;
    const e = h.emulator;
    const sync = await cli(['sync', '--client', businessId, '--json'], {
      ROWCOL_DATA_DIR: h.dir,
      ROWCOL_QBO_API_BASE_URL: e.apiBaseUrl,
      ROWCOL_QBO_AUTHORIZE_URL: e.authorizeUrl,
      ROWCOL_QBO_TOKEN_URL: e.tokenUrl,
      ROWCOL_QBO_REVOKE_URL: e.revokeUrl,
      ROWCOL_QBO_CLIENT_ID: e.clientId,
      ROWCOL_QBO_CLIENT_SECRET: e.clientSecret,
    });
    expect(sync.err).toBe('');
    expect(sync.code).toBe(0);
    const counters = await h.admin<{ realms: Record<string, { total: number; throttled: number }> }>('GET', '/counters');
    expect(counters.realms[realmId]!.throttled).toBe(0);
    const summary = JSON.parse(sync.out) as { clients: { businessId: string; ok: boolean; throttled: number; retries: number }[] };
    expect(summary.clients).toEqual([expect.objectContaining({ businessId, ok: true, throttled: 0, retries: 0 })]);
  });
});
