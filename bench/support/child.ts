// Runs a bench child in a process of its own (its memory and its event loop its own; the emulator stays
// in the parent) with --expose-gc, and returns the JSON line it prints last.
import { spawn } from 'node:child_process';

export async function runChild<T>(
  script: string,
  args: readonly string[],
): Promise<{ result: T | null; err: string }> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  await new Promise((r) => child.on('exit', r));
  const last = out.trim().split('\n').pop() ?? '';
  try {
    return { result: JSON.parse(last) as T, err };
  } catch {
    return { result: null, err: err || out };
  }
}
