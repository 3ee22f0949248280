// `rowcol hub …` in a child process (the built CLI), pointed at a test's emulator and hub database, that a
// test can SIGKILL when the database shows the progress it waits for.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emulatorEnv, type RowcolRun } from '../../support/rowcol-process.ts';
import type { HubHarness } from './hub-harness.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));

export type HubChild = { child: ChildProcess; done: Promise<RowcolRun> };

export function hubEnv(h: HubHarness): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: mkdtempSync(join(tmpdir(), 'rowcol-hub-home-')),
    ...emulatorEnv(h.emulator),
    ROWCOL_QBO_API_BASE_URL: h.emulator.apiBaseUrl,
    ROWCOL_HUB_KEY: h.key,
  };
}

export function spawnHub(args: readonly string[], env: NodeJS.ProcessEnv): HubChild {
  const child = spawn(process.execPath, ['bin/rowcol.js', ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<RowcolRun>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

/** Asks `ready` again and again (each answer from the database) until it says yes. */
export async function waitFor(ready: () => Promise<boolean>, child?: HubChild): Promise<void> {
  for (;;) {
    if (await ready()) return;
    if (child && child.child.exitCode !== null)
      throw new Error(`the hub process ended before: ${(await child.done).stderr}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
