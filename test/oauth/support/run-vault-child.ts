// Runs test/oauth/support/vault-child.ts in its own process with exactly the given environment.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../..', import.meta.url));
export const vaultChild = ['--import', 'tsx', 'test/oauth/support/vault-child.ts'];

export type ChildAnswer = {
  keySource?: string;
  notice?: string;
  error?: string;
  refreshTokens?: (string | null)[];
  businessId?: string;
  stored?: boolean;
  bytes?: number;
};

/** Any command line in `root`; resolves with its output whatever the exit code. */
export function run(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

/** One vault-child run: its JSON answer, or a failure that shows the child's stderr. */
export async function vaultRun(env: NodeJS.ProcessEnv, ...args: string[]): Promise<ChildAnswer> {
  const r = await run(process.execPath, [...vaultChild, ...args], env);
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.code !== 0 || !line.startsWith('{'))
    throw new Error(`vault-child ${args.join(' ')} exited ${r.code}: ${r.stderr.slice(0, 2000)}`);
  return JSON.parse(line) as ChildAnswer;
}

/**
 * An environment in which no keychain can be reached. On Linux that is the real situation of a session
 * without D-Bus (no DBUS_SESSION_BUS_ADDRESS, no XDG_RUNTIME_DIR: the Secret Service cannot be found);
 * elsewhere the keychain is always there, so the tests turn it off with ROWCOL_KEYCHAIN=off.
 */
export function noKeychainEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home };
  if (process.platform !== 'linux') env.ROWCOL_KEYCHAIN = 'off';
  return env;
}
