// The desktop app's log file: what main says on stderr, with the time, kept small.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { captureConsole, openMainLog } from '../../src/main/app/main-log.ts';
import { tempDir } from '../support/temp.ts';

const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the log file', () => {
  it('keeps what the app says on stderr, one timed line each, and the console still prints', () => {
    const dir = join(tempDir('rowcol-log-'), 'logs');
    made.push(dir);
    const log = openMainLog(dir, { now: () => new Date('2024-06-03T12:00:00Z') });
    const printed: unknown[][] = [];
    const original = console.error;
    console.error = (...a: unknown[]) => void printed.push(a);
    const undo = captureConsole(log);
    try {
      console.error('[rowcol] background sync is off:', 'no keychain');
    } finally {
      undo();
      console.error = original;
    }
    expect(printed).toEqual([['[rowcol] background sync is off:', 'no keychain']]);
    expect(readFileSync(log.file, 'utf8')).toBe(
      '2024-06-03T12:00:00.000Z [rowcol] background sync is off: no keychain\n',
    );
  });

  it('moves a full log aside and starts a new one', () => {
    const dir = tempDir('rowcol-log-');
    made.push(dir);
    const log = openMainLog(dir, { maxBytes: 100 });
    for (let i = 0; i < 5; i++) log.write(`line ${i} ${'x'.repeat(30)}`);
    expect(existsSync(join(dir, 'main.1.log'))).toBe(true);
    expect(readFileSync(log.file, 'utf8').length).toBeLessThan(200);
    expect(readFileSync(log.file, 'utf8')).toContain('line 4');
  });

  it('never throws when the folder cannot be written', () => {
    const dir = tempDir('rowcol-log-');
    made.push(dir);
    writeFileSync(join(dir, 'a-file'), '');
    const log = openMainLog(join(dir, 'a-file', 'logs')); // a folder inside a file: ENOTDIR
    expect(() => log.write('anything')).not.toThrow();
  });
});
