// The CLI commands in-process (main() with captured output), against the emulator: `connect` through
// the printed authorize URL and the one-time loopback listener, `connect --demo` then `sync --all`
// reaching the same demo books again, `disconnect`, and one-line errors for bad input.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/main/cli/main.ts';
import type { CliIo } from '../../src/main/cli/io.ts';
import { openDataDir } from '../../src/main/db/data-dir.ts';
import { countMirror } from '../../src/main/db/repositories/mirror.ts';
import { startEmulator, type EmulatorHandle } from '../../emulator/index.ts';

function captureIo(
  env: NodeJS.ProcessEnv = {},
  onOut?: (text: string) => void,
): CliIo & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (t) => {
      out += t;
      onOut?.(t);
    },
    err: (t) => void (err += t),
    isTTY: false,
    env,
    stdout: () => out,
    stderr: () => err,
  };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function approve(authorizeUrl: string, realmId: string): Promise<void> {
  const url = new URL(authorizeUrl);
  url.searchParams.set('auto_approve', realmId);
  const consent = await request(url);
  await consent.body.text();
  const back = await request(String(consent.headers.location));
  await back.body.text();
}

describe('rowcol connect / sync / disconnect', () => {
  it('connect prints the authorize URL alone on one line, then the connected company', async () => {
    const emulator: EmulatorHandle = await startEmulator({ seed: 3, companies: 1, size: 'empty' });
    cleanups.push(() => emulator.close());
    const dir = mkdtempSync(join(tmpdir(), 'rowcol-cli-'));
    const realmId = emulator.companies[0]!.realmId;
    let approving: Promise<void> | undefined;
    const env = {
      ROWCOL_QBO_API_BASE_URL: emulator.apiBaseUrl,
      ROWCOL_QBO_AUTHORIZE_URL: emulator.authorizeUrl,
      ROWCOL_QBO_TOKEN_URL: emulator.tokenUrl,
      ROWCOL_QBO_REVOKE_URL: emulator.revokeUrl,
      ROWCOL_QBO_CLIENT_ID: emulator.clientId,
      ROWCOL_QBO_CLIENT_SECRET: emulator.clientSecret,
    };
    const io = captureIo(env, (t) => {
      if (t.startsWith('http')) approving = approve(t.trim(), realmId);
    });
    const code = await main(['--data-dir', dir, 'connect', '--timeout', '20', '--port', '0'], io);
    await approving;
    expect(code, io.stderr()).toBe(0);
    const lines = io.stdout().split('\n');
    expect(new URL(lines[0]!).searchParams.get('state')).toMatch(/.{20,}/);
    expect(lines[1]).toContain(`Connected ${emulator.companies[0]!.name}`);

    const sync = captureIo(env);
    expect(
      await main(['--data-dir', dir, 'sync', '--client', `custom-${realmId}`, '--json'], sync),
      sync.stderr(),
    ).toBe(0);
    expect(JSON.parse(sync.stdout()).clients[0].ok).toBe(true);

    const off = captureIo(env);
    expect(
      await main(['--data-dir', dir, 'disconnect', '--client', `custom-${realmId}`], off),
      off.stderr(),
    ).toBe(0);
    expect(off.stdout()).toContain('revoked at QuickBooks');
    const db = openDataDir(dir);
    expect(db.prepare('SELECT COUNT(*) AS n FROM client_tokens').get()).toEqual({ n: 0 });
    db.close();
  });

  it('connect --demo connects every company, and sync --all reaches the same demo books again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rowcol-demo-'));
    const io = captureIo();
    expect(await main(['--data-dir', dir, 'connect', '--demo'], io), io.stderr()).toBe(0);
    expect(io.stdout().match(/^Connected /gm)).toHaveLength(3);
    const sync = captureIo();
    expect(await main(['--data-dir', dir, 'sync', '--all', '--json'], sync), sync.stderr()).toBe(0);
    const summary = JSON.parse(sync.stdout()) as {
      clients: { businessId: string; ok: boolean; fetched: number }[];
      totals: { recordsIn: number };
    };
    expect(summary.clients).toHaveLength(3);
    expect(summary.clients.every((c) => c.ok && c.fetched > 0)).toBe(true);
    const db = openDataDir(dir);
    for (const c of summary.clients)
      expect(
        countMirror(db, { advisorId: 'local', businessId: c.businessId }, 'Bill'),
      ).toBeGreaterThan(0);
    db.close();
    const again = captureIo();
    expect(await main(['--data-dir', dir, 'sync', '--all'], again), again.stderr()).toBe(0);
    expect(again.stdout()).toMatch(/3 client\(s\)/);
  });

  it('answers bad input with one line on stderr and a non-zero exit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rowcol-bad-'));
    for (const argv of [
      ['sync', '--client', 'nobody'],
      ['sync', '--client', 'a', '--all'],
      ['sync'],
      ['disconnect', '--client', 'nobody'],
      ['connect', '--port', 'eighty'],
      ['connect'],
    ]) {
      const io = captureIo();
      const code = await main(['--data-dir', dir, ...argv], io);
      expect(code, argv.join(' ')).not.toBe(0);
      expect(io.stderr().trim().split('\n'), argv.join(' ')).toHaveLength(1);
      expect(io.stderr()).not.toMatch(/\n\s+at /);
    }
  });
});
