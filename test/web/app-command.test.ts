// `rowcol app` as a person runs it: the real CLI in a child process, its one-time link as the first
// stdout line, served over loopback, and a clean stop on SIGTERM.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runRowcol } from '../support/rowcol-process.ts';
import { tempDir } from '../support/temp.ts';
import { rendererFixture, send } from './support.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

const baseEnv = (): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: tempDir('rowcol-home-'),
  // Throwaway keys stay in the temp folder, never in the developer's keychain.
  ROWCOL_KEYCHAIN: 'off',
  ROWCOL_RENDERER_DIR: rendererFixture(),
});

/** Starts `rowcol app ARGS` and resolves with its first stdout line once it is there. */
function startApp(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['bin/rowcol.js', 'app', ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0]!);
    });
    void exited.then(({ code }) => reject(new Error(`rowcol app exited (${code}): ${stderr}`)));
  });
  return { child, firstLine, exited, output: () => ({ stdout, stderr }) };
}

let running: ReturnType<typeof startApp> | undefined;
afterEach(() => {
  if (running && running.child.exitCode === null && running.child.signalCode === null)
    running.child.kill('SIGKILL');
  running = undefined;
});

describe('rowcol app', () => {
  it('prints the one-time link first, serves the app there, and stops cleanly on SIGTERM', async () => {
    const dataDir = tempDir();
    running = startApp(['--no-open', '--data-dir', dataDir], baseEnv());
    const link = await running.firstLine;
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    const origin = new URL(link).origin;
    const first = await send(link);
    expect(first.status).toBe(303);
    const cookie = first.headers['set-cookie']![0]!.split(';')[0]!;
    const call = await send(`${origin}/api/invoke`, {
      method: 'POST',
      headers: { cookie, origin, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'app:get-info', arg: {} }),
    });
    expect(JSON.parse(call.body)).toMatchObject({ ok: true, value: { dataDir } });
    // The token was good once only.
    expect((await send(link)).status).toBe(401);

    running.child.kill('SIGTERM');
    expect(await running.exited).toEqual({ code: 0, signal: null });
    const { stdout, stderr } = running.output();
    expect(stdout).toBe(`${link}\n`);
    expect(stderr).toContain('SIGTERM: stopping the server.');
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    // Stopped while its background start may still run: nothing of it outlives the database.
    expect(stderr).not.toMatch(/failed|not open/);
    // Nothing listens there any more.
    await expect(send(`${origin}/`)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('says in one line that a taken --port is taken, and exits 2', async () => {
    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as AddressInfo).port;
    try {
      const run = await runRowcol(
        ['app', '--no-open', '--port', String(port), '--data-dir', tempDir()],
        baseEnv(),
      );
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(
        `rowcol: Port ${port} on 127.0.0.1 is already in use: choose another with --port, or leave --port out for a free one.\n`,
      );
    } finally {
      holder.close();
    }
  });

  it('refuses a port that is not one, and a renderer folder without the window, in one line', async () => {
    const bad = await runRowcol(['app', '--no-open', '--port', '70000'], baseEnv());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^rowcol: --port must be a whole number from 0 to 65535.*\n$/);
    const empty = tempDir();
    const unbuilt = await runRowcol(['app', '--no-open', '--data-dir', tempDir()], {
      ...baseEnv(),
      ROWCOL_RENDERER_DIR: empty,
    });
    expect(unbuilt.code).toBe(2);
    expect(unbuilt.stderr).toBe(
      `rowcol: ROWCOL_RENDERER_DIR (${empty}) holds no index.html: point it at a built renderer, or unset it.\n`,
    );
  });
});
