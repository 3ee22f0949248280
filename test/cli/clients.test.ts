// The CLI as a user runs it: the real bin, a real data folder, exit codes and the one-line messages.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db/open.ts';
import { saveClient } from '../../src/main/db/repositories/clients.ts';
import { tempDir } from '../support/temp.ts';

const bin = fileURLToPath(new URL('../../bin/rowcol.js', import.meta.url));

function rowcol(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const expectOneCleanLine = (stderr: string) => {
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\bat .+:\d+:\d+/); // no stack frames
};

describe('rowcol clients', () => {
  it('prints [] on an empty data folder', () => {
    const r = rowcol(['--data-dir', join(tempDir(), 'new'), 'clients', '--json']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it('takes the data folder from ROWCOL_DATA_DIR', () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, 'rowcol.db'));
    saveClient(db, {
      advisorId: 'local',
      realmId: '77',
      environment: 'custom',
      displayName: 'Acme Plumbing',
      now: '2026-11-26T10:00:00Z',
    });
    db.close();
    const r = rowcol(['clients', '--json'], { ROWCOL_DATA_DIR: dir });
    expect(JSON.parse(r.stdout)).toEqual([
      expect.objectContaining({
        businessId: 'custom-77',
        displayName: 'Acme Plumbing',
        connectionState: 'connected',
      }),
    ]);
    const table = rowcol(['clients'], { ROWCOL_DATA_DIR: dir });
    expect(table.stdout).toContain('Acme Plumbing');
  });

  it('shows help', () => {
    const r = rowcol(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('clients');
  });
});

describe('bad input gets one clear line and a non-zero exit', () => {
  it('an unknown command', () => {
    const r = rowcol(['clinets']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("unknown command 'clinets'");
    expect(r.stderr).toContain('clients');
    expectOneCleanLine(r.stderr);
  });

  it('an unknown option', () => {
    const r = rowcol(['clients', '--jsn']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("unknown option '--jsn'");
    expectOneCleanLine(r.stderr);
  });

  it('a data folder that cannot be created', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), 'x');
    const r = rowcol(['--data-dir', join(dir, 'file', 'sub'), 'clients']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^rowcol: Cannot create the data folder .*part of that path is a file/,
    );
    expectOneCleanLine(r.stderr);
  });

  it('a database from a newer version', () => {
    const dir = tempDir();
    const raw = new Database(join(dir, 'rowcol.db'));
    raw.pragma('user_version = 999');
    raw.close();
    const r = rowcol(['--data-dir', dir, 'clients']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/newer version of RowCol/);
    expectOneCleanLine(r.stderr);
  });

  it('a corrupt database file, left untouched', () => {
    const dir = tempDir();
    const file = join(dir, 'rowcol.db');
    writeFileSync(file, Buffer.from('garbage that is no database at all '.repeat(50)));
    const before = readFileSync(file);
    const r = rowcol(['--data-dir', dir, 'clients', '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not a RowCol database .*left untouched/);
    expectOneCleanLine(r.stderr);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
