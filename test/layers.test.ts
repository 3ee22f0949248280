// The layer rules of ARCHITECTURE.md §2 are enforced by `npm run lint` (part of `npm test`). These tests
// put a deliberate violation in each layer and run the very same lint command on it: it must fail.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const written: string[] = [];

afterEach(() => {
  for (const f of written.splice(0)) rmSync(f, { force: true });
});

function lint(relativePath: string, source: string): { status: number | null; output: string } {
  const file = join(root, relativePath);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, source);
  written.push(file);
  const r = spawnSync(process.execPath, [join(root, 'node_modules/eslint/bin/eslint.js'), '--max-warnings', '0', relativePath], { cwd: root, encoding: 'utf8' });
  return { status: r.status, output: r.stdout + r.stderr };
}

describe('layer rules', () => {
  it.each([
    ['src/core/zz-violation.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", 'src/core is pure TypeScript'],
    ['src/core/zz-violation.ts', "import Database from 'better-sqlite3';\nexport const x = Database;\n", 'src/core is pure TypeScript'],
    ['src/core/zz-violation.ts', "import { openDatabase } from '../main/db/open.ts';\nexport const x = openDatabase;\n", 'src/core imports only src/core'],
    ['src/renderer/src/zz-violation.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n", 'renderer'],
    ['src/renderer/src/zz-violation.ts', "import { listClients } from '../../main/db/repositories/clients.ts';\nexport const x = listClients;\n", 'never imports src/main'],
    ['src/preload/zz-violation.ts', "import { shell } from 'electron';\nexport const x = shell;\n", 'only use contextBridge and ipcRenderer'],
    ['src/preload/zz-violation.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", 'preload is sandboxed'],
    ['src/main/zz-violation.ts', "import { useState } from 'react';\nexport const x = useState;\n", 'never imports UI code'],
  ])('%s: %s fails the lint step', (path, source, message) => {
    const r = lint(path, source);
    expect(r.status).not.toBe(0);
    expect(r.output).toContain(message);
  });

  it('lets a layer import what it may', () => {
    const r = lint('src/core/zz-allowed.ts', "import { ok } from './result.ts';\nexport const x = ok(1);\n");
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
  });
});
