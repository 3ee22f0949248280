// A data folder that cannot be created or written gets one clear line and exit code 1, at once: the real
// CLI, real paths that refuse (procfs answers mkdir with ENOENT, which once made Node's recursive mkdir
// retry for about ten minutes; sysfs refuses even root; a file in the middle of the path). No duration is
// asserted: the test's own timeout is the guard against a spin.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRowcol } from '../support/rowcol-process.ts';
import { tempDir } from '../support/temp.ts';

const env = { ...process.env, ROWCOL_DATA_DIR: '' };
const clients = (dataDir: string) => runRowcol(['--data-dir', dataDir, 'clients'], env);

function expectOneLine(
  r: { code: number | null; stdout: string; stderr: string },
  message: RegExp,
) {
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/); // no stack frames
}

const linuxOnly = (path: string) => {
  const ok = process.platform === 'linux' && existsSync(path);
  if (!ok) console.log(`skipped: ${path} exists only on Linux (platform ${process.platform})`);
  return ok;
};

describe('a data folder that cannot be created', () => {
  it.runIf(linuxOnly('/proc/self'))(
    'under /proc, which answers mkdir with "no such file"',
    async () => {
      expectOneLine(
        await clients('/proc/rowcol-test/data'),
        /^rowcol: Cannot create the data folder \/proc\/rowcol-test\/data: \/proc does not accept new folders\.$/m,
      );
    },
  );

  it.runIf(linuxOnly('/sys/kernel'))(
    'under /sys, which refuses every new folder, even to root',
    async () => {
      expectOneLine(
        await clients('/sys/rowcol-test'),
        /^rowcol: Cannot create the data folder \/sys\/rowcol-test: permission denied\.$/m,
      );
    },
  );

  it.runIf(linuxOnly('/proc/self'))(
    'an existing folder that accepts no files (/proc itself)',
    async () => {
      expectOneLine(
        await clients('/proc'),
        /^rowcol: Cannot create the database \/proc\/rowcol\.db: the folder does not accept new files or cannot be written\.$/m,
      );
    },
  );

  it('a path through a file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'x');
    const file = join(dir, 'notes.txt');
    expectOneLine(
      await clients(join(file, 'sub', 'deeper')),
      new RegExp(
        `Cannot create the data folder .*: part of that path is a file \\(${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)\\.$`,
        'm',
      ),
    );
  });

  it('a file where the folder should be', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'data'), 'x');
    expectOneLine(
      await clients(join(dir, 'data')),
      /The data folder .*data is a file, not a folder\.$/m,
    );
  });

  it('still creates every missing level of a good path', async () => {
    const dir = join(tempDir(), 'a', 'b', 'c');
    const r = await runRowcol(['--data-dir', dir, 'clients', '--json'], env);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(existsSync(join(dir, 'rowcol.db'))).toBe(true);
  });
});
