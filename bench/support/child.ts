// Runs a bench child in a process of its own (its memory and its event loop its own; the emulator stays
// in the parent) with --expose-gc, and returns the JSON line it prints last. The child is bundled first
// (esbuild, npm packages left external, as the CLI ships: scripts/build-cli.mjs), so its memory and
// start are the code's, not the TypeScript loader's (tsx adds ~60 MB of RSS to a process).
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bundles = new Map<string, Promise<string>>();

/** The child script bundled into .tmp/bench/bundles (once per bench process). */
function bundled(script: string): Promise<string> {
  let out = bundles.get(script);
  if (!out) {
    out = (async () => {
      const esbuild = await import('esbuild');
      const dir = join(root, '.tmp', 'bench', 'bundles');
      mkdirSync(dir, { recursive: true });
      const file = join(dir, basename(script).replace(/\.ts$/, '.mjs'));
      await esbuild.build({
        absWorkingDir: root,
        entryPoints: [script],
        outfile: file,
        bundle: true,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        packages: 'external',
        logLevel: 'warning',
      });
      return file;
    })();
    bundles.set(script, out);
  }
  return out;
}

export async function runChild<T>(
  script: string,
  args: readonly string[],
  nodeOptions: readonly string[] = (process.env.ROWCOL_BENCH_CHILD_NODE ?? '')
    .split(' ')
    .filter(Boolean),
): Promise<{ result: T | null; err: string }> {
  const file = await bundled(script);
  const child = spawn(process.execPath, ['--expose-gc', ...nodeOptions, file, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: root,
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
