// `npm start` in CI (and anywhere without a terminal) must neither hang nor fail: it says how to start
// the browser version and exits 0.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper shared with the start script (as test/electron uses it)
import { presentElectronBinary } from '../../scripts/electron-binary.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

// Pipes, not a terminal, as CI and IDE tasks run it; no DISPLAY in this environment.
const start = (env: NodeJS.ProcessEnv) =>
  spawnSync(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });

// On Linux no display means no window; elsewhere an Electron binary would open one.
const windowCouldOpen =
  process.platform !== 'linux' &&
  Boolean((presentElectronBinary as (root: string) => string | undefined)(root));
if (windowCouldOpen)
  console.warn(
    '[web] npm start without CI=true not run: this machine has an Electron binary and needs no display, so it would open the window',
  );

describe('npm start without a terminal', () => {
  it('in CI prints how to start the browser version and exits 0, whatever is installed', () => {
    const run = start({ CI: 'true' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('CI=true, so npm start opens no window here.');
    expect(run.stdout).toContain('npx rowcol app');
    expect(run.stdout).toContain('npm run build');
    expect(run.stderr).toBe('');
  });

  it.skipIf(windowCouldOpen)(
    'where no window can open, says why, starts nothing and exits 0',
    () => {
      const run = start({});
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(
        /^rowcol: the desktop window cannot open here: .+\. This is not an interactive terminal, so nothing is started\./,
      );
      expect(run.stdout).toContain('npx rowcol app');
      expect(run.stderr).toBe('');
    },
  );
});
