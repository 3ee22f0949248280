// The real CLI in a child process, asynchronously (an emulator in the test's own process keeps serving
// while it runs), with the environment that points it at that emulator, killed when its progress says so.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EmulatorHandle } from '../../emulator/index.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

export type RowcolRun = {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
};

/**
 * SIGKILLs the child the first time this says so. It is asked again and again while the child runs, so
 * it should read the child's own progress (its database, through a read-only connection): a kill point
 * chosen from the clock would land elsewhere on a slower machine.
 */
export type KillWhen = () => boolean;

/** How often `killWhen` is asked; how soon the kill follows the progress it waits for, never whether. */
const askEveryMs = 2;

/** Runs `rowcol ARGS` with exactly this environment; SIGKILLs it once `killWhen` answers true. */
export function runRowcol(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  killWhen?: KillWhen,
): Promise<RowcolRun> {
  const child = spawn(process.execPath, ['bin/rowcol.js', ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = killWhen
    ? setInterval(() => {
        if (child.exitCode === null && child.signalCode === null && killWhen()) {
          clearInterval(timer);
          child.kill('SIGKILL');
        }
      }, askEveryMs)
    : undefined;
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      resolve({ code, signal, stdout, stderr });
    }),
  );
}

/** The emulator's OAuth endpoints and app keys, as the CLI reads them from the environment. */
export const emulatorEnv = (e: EmulatorHandle): NodeJS.ProcessEnv => ({
  // Tests keep their throwaway keys in their temp folders, never in the developer's own keychain.
  ROWCOL_KEYCHAIN: 'off',
  ROWCOL_QBO_TOKEN_URL: e.tokenUrl,
  ROWCOL_QBO_REVOKE_URL: e.revokeUrl,
  ROWCOL_QBO_AUTHORIZE_URL: e.authorizeUrl,
  ROWCOL_QBO_CLIENT_ID: e.clientId,
  ROWCOL_QBO_CLIENT_SECRET: e.clientSecret,
});
