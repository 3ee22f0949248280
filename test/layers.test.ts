// The layer rules (eslint.config.js: ARCHITECTURE.md "Layers, and who may import whom" and the src/main layer map) are enforced by
// `npm run lint` (part of `npm test`). These tests plant a deliberate violation of each rule in a file of
// its own and run the very same lint command on them: each planted file must fail it with the rule's
// message, and the files that do what a layer may must pass. One lint run checks every planted file (each
// file's errors are reported apart), so the proof costs one ESLint start, not forty.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

type Case = [where: string, source: string, message: string];

/** Each violation, in the folder whose rule it breaks, with (part of) the message lint must give. */
const violations: Case[] = [
  // src/core, the renderer, the preload
  [
    'src/core',
    "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    'src/core is pure TypeScript',
  ],
  [
    'src/core',
    "import Database from 'better-sqlite3';\nexport const x = Database;\n",
    'src/core is pure TypeScript',
  ],
  [
    'src/core',
    "import { openDatabase } from '../main/db/open.ts';\nexport const x = openDatabase;\n",
    'src/core imports only src/core',
  ],
  [
    'src/core',
    "import { startEmulator } from '../../emulator/index.ts';\nexport const x = startEmulator;\n",
    'import the emulator',
  ],
  [
    'src/renderer/src',
    "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n",
    'renderer',
  ],
  [
    'src/renderer/src',
    "import { listClients } from '../../main/db/repositories/clients.ts';\nexport const x = listClients;\n",
    'never imports src/main',
  ],
  [
    'src/preload',
    "import { shell } from 'electron';\nexport const x = shell;\n",
    'only use contextBridge and ipcRenderer',
  ],
  [
    'src/preload',
    "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    'preload is sandboxed',
  ],
  [
    'src/main',
    "import { useState } from 'react';\nexport const x = useState;\n",
    'never imports UI code',
  ],

  // electron only in src/main/app/
  [
    'src/main/services',
    "import { app } from 'electron';\nexport const x = app;\n",
    'Only src/main/app/ imports electron',
  ],
  [
    'src/main/cli',
    "import { safeStorage } from 'electron';\nexport const x = safeStorage;\n",
    'Only src/main/app/ imports electron',
  ],
  [
    'src/main',
    "import Store from 'electron-store';\nexport const x = Store;\n",
    'Only src/main/app/ imports electron-store',
  ],
  [
    'src/main/zz-new-folder',
    "import { app } from 'electron';\nexport const x = app;\n",
    'Only src/main/app/ imports electron',
  ],

  // the emulator: only through the demo books and the emulator command; it imports nothing of src/
  [
    'src/main/services',
    "import { startEmulator } from '../../../emulator/index.ts';\nexport const x = startEmulator;\n",
    'import the emulator',
  ],
  [
    'src/main/handlers',
    "export const x = async () => (await import('../../../emulator/index.ts')).startEmulator;\n",
    'import the emulator',
  ],
  [
    'src/main/cli',
    "import { startEmulator } from '../../../emulator/index.ts';\nexport const x = startEmulator;\n",
    'import the emulator',
  ],
  [
    'emulator',
    "import { addDays } from '../src/core/dates.ts';\nexport const x = addDays;\n",
    'The emulator imports nothing of RowCol',
  ],

  // nothing but src/main/db touches SQL
  [
    'src/main/sync',
    "import Database from 'better-sqlite3';\nexport const x = Database;\n",
    'Only src/main/db touches SQL',
  ],
  [
    'src/main/services',
    "import type { Db } from '../db/open.ts';\nexport const x = (db: Db) => db.prepare('SELECT 1').get();\n",
    'Only src/main/db touches SQL (.prepare)',
  ],
  [
    'src/main/handlers',
    "import type { Db } from '../db/open.ts';\nexport const x = (db: Db) => db.exec('DELETE FROM clients');\n",
    'Only src/main/db touches SQL (.exec)',
  ],
  [
    'src/main/cli',
    'export const x = (conn: { exec(sql: string): void }) => conn.exec(`VACUUM`);\n',
    'Only src/main/db touches SQL (.exec)',
  ],
  [
    'src/main/oauth',
    "import type { Db } from '../db/open.ts';\nexport const x = (db: Db) => db.pragma('journal_mode = DELETE');\n",
    'Only src/main/db touches SQL (.pragma)',
  ],
  [
    'src/main/services',
    "import type { Db } from '../db/open.ts';\nexport const x = (db: Db) => db.transaction(() => 1)();\n",
    'src/main/db/transaction.ts',
  ],
  [
    'src/main/sync',
    'export class X {\n  constructor(private readonly db: { exec(sql: string): void }) {}\n  run(sql: string) {\n    this.db.exec(sql);\n  }\n}\n',
    'Only src/main/db touches SQL (.exec)',
  ],
  // …and inside it, the repositories prepare through the one statement cache
  [
    'src/main/db/repositories',
    "import type { Db } from '../open.ts';\nexport const x = (db: Db) => db.prepare('SELECT 1').get();\n",
    'the one statement cache',
  ],

  // the layer map of src/main
  [
    'src/main/qbo',
    "import { openDatabase } from '../db/open.ts';\nexport const x = openDatabase;\n",
    'src/main/qbo may not import src/main/db',
  ],
  [
    'src/main/qbo',
    "import { TokenManager } from '../oauth/token-manager.ts';\nexport const x = TokenManager;\n",
    'src/main/qbo may not import src/main/oauth',
  ],
  [
    'src/main/db',
    "import { QboClient } from '../qbo/client.ts';\nexport const x = QboClient;\n",
    'src/main/db may not import src/main/qbo',
  ],
  [
    'src/main/db/repositories',
    "import { raiseSyncProblem } from '../../sync/hygiene.ts';\nexport const x = raiseSyncProblem;\n",
    'src/main/db may not import src/main/sync',
  ],
  [
    'src/main/db',
    "import { recomputeTray } from '../services/tray/recompute.ts';\nexport const x = recomputeTray;\n",
    'src/main/db may not import src/main/services',
  ],
  [
    'src/main/oauth',
    "import { SyncEngine } from '../sync/engine.ts';\nexport const x = SyncEngine;\n",
    'src/main/oauth may not import src/main/sync',
  ],
  [
    'src/main/sync',
    "import { recomputeTray } from '../services/tray/recompute.ts';\nexport const x = recomputeTray;\n",
    'src/main/sync may not import src/main/services',
  ],
  [
    'src/main/sync',
    "import { createHandlers } from '../handlers/index.ts';\nexport const x = createHandlers;\n",
    'src/main/sync may not import src/main/handlers',
  ],
  [
    'src/main/services',
    "import { SyncEngine } from '../sync/engine.ts';\nexport const x = SyncEngine;\n",
    'src/main/services may not import src/main/sync',
  ],
  [
    'src/main/services/tray',
    "import { QboClient } from '../../qbo/client.ts';\nexport const x = QboClient;\n",
    'src/main/services may not import src/main/qbo',
  ],
  [
    'src/main/services',
    "import { createHandlers } from '../handlers/index.ts';\nexport const x = createHandlers;\n",
    'src/main/services may not import src/main/handlers',
  ],
  [
    'src/main/services',
    "import { openRuntime } from '../runtime/runtime.ts';\nexport const x = openRuntime;\n",
    'src/main/services may not import src/main/runtime',
  ],
  [
    'src/main/handlers',
    "import { main } from '../cli/main.ts';\nexport const x = main;\n",
    'src/main/handlers may not import src/main/cli',
  ],
  [
    'src/main/handlers',
    "import { openRuntime } from '../runtime/runtime.ts';\nexport const x = openRuntime;\n",
    'takes only types from src/main/runtime',
  ],
  [
    'src/main/cli/commands',
    "import { registerIpc } from '../../app/ipc.ts';\nexport const x = registerIpc;\n",
    'src/main/cli may not import src/main/app',
  ],

  // the hub (rowcol hub, the firm's server on PostgreSQL): started by cli and runtime only, its SQL in hub/db
  [
    'src/main/services',
    "import { openHubDb } from '../hub/db/open.ts';\nexport const x = openHubDb;\n",
    'src/main/services may not import src/main/hub',
  ],
  [
    'src/main/hub',
    "import { createHandlers } from '../handlers/index.ts';\nexport const x = createHandlers;\n",
    'src/main/hub may not import src/main/handlers',
  ],
  [
    'src/main/hub/sync',
    "import pg from 'pg';\nexport const x = pg;\n",
    "Only src/main/hub/db touches the hub's PostgreSQL",
  ],
  [
    'src/main/hub/jobs',
    "import type { HubDb } from '../db/hub-db.ts';\nexport const x = (db: HubDb) => db.query('SELECT 1');\n",
    "Only src/main/hub/db touches the hub's PostgreSQL",
  ],

  // a desktop in firm mode (src/main/firm): never QBO, never the hub's server code, SQL only through db
  [
    'src/main/firm',
    "import { QboClient } from '../qbo/client.ts';\nexport const x = QboClient;\n",
    'src/main/firm may not import src/main/qbo',
  ],
  [
    'src/main/firm',
    "import { startHubApi } from '../hub/api/index.ts';\nexport const x = startHubApi;\n",
    'src/main/firm may not import src/main/hub',
  ],
  [
    'src/main/sync',
    "import { firmSync } from '../firm/sync.ts';\nexport const x = firmSync;\n",
    'src/main/sync may not import src/main/firm',
  ],
  [
    'src/main/firm',
    "import type { Db } from '../db/open.ts';\nexport const x = (db: Db) => db.prepare('SELECT 1');\n",
    'Only src/main/db touches SQL',
  ],
];

/** What a layer may do: these must pass the same lint run untouched. */
const allowed: Case[] = [
  ['src/core', "import { ok } from './result.ts';\nexport const x = ok(1);\n", ''],
  ['src/main/app', "import { app } from 'electron';\nexport const x = app;\n", ''],
  [
    'src/main/qbo',
    "export const x = (s: string) => /^(\\d+)/.exec(s)?.[1] ?? (new RegExp('a').exec(s) ? 'a' : null);\n",
    '',
  ],
  [
    'src/main/services',
    "import type { Db } from '../db/open.ts';\nimport { writeTransaction } from '../db/transaction.ts';\nimport { clientExists } from '../db/repositories/clients.ts';\nexport const x = (db: Db) => writeTransaction(db, () => clientExists(db, 'a', 'b'));\n",
    '',
  ],
  [
    'src/main/handlers',
    "import type { Runtime } from '../runtime/runtime.ts';\nexport type X = Runtime;\n",
    '',
  ],
  [
    'src/main/db/repositories',
    "import type { Db } from '../open.ts';\nimport { stmt } from '../statements.ts';\nexport const x = (db: Db) => stmt(db, 'SELECT 1').get();\n",
    '',
  ],
  [
    'src/main/hub/db/repositories',
    "import type { HubSql } from '../hub-db.ts';\nexport const x = (q: HubSql) => q.query('SELECT 1');\n",
    '',
  ],
  [
    'src/main/cli/commands',
    "import { openHubDb } from '../../hub/db/open.ts';\nexport const x = openHubDb;\n",
    '',
  ],
  [
    'src/main/cli/commands',
    "import { firmSync } from '../../firm/sync.ts';\nexport const x = firmSync;\n",
    '',
  ],
];

const planted = new Map<Case, string>();
const createdDirs: string[] = [];
let results: Map<string, string[]>;
let status: number | null;

beforeAll(() => {
  [...violations, ...allowed].forEach((c, i) => {
    const file = `${c[0]}/zz-${violations.includes(c) ? 'violation' : 'allowed'}-${i}.ts`;
    if (!existsSync(join(root, c[0]))) createdDirs.push(join(root, c[0]));
    mkdirSync(join(root, dirname(file)), { recursive: true });
    writeFileSync(join(root, file), c[1]);
    planted.set(c, file);
  });
  // The lint command of package.json ("eslint . --max-warnings 0"), on the planted files.
  const r = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/eslint/bin/eslint.js'),
      '--max-warnings',
      '0',
      '--format',
      'json',
      ...planted.values(),
    ],
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  status = r.status;
  let report: { filePath: string; messages: { message: string; severity: number }[] }[];
  try {
    report = JSON.parse(r.stdout) as typeof report;
  } catch {
    throw new Error(`eslint did not answer in JSON (exit ${r.status}): ${r.stderr || r.stdout}`);
  }
  results = new Map(
    report.map((f) => [
      f.filePath,
      f.messages.filter((m) => m.severity === 2).map((m) => m.message),
    ]),
  );
}, 300_000);

afterAll(() => {
  for (const file of planted.values()) rmSync(join(root, file), { force: true });
  for (const dir of createdDirs) rmSync(dir, { recursive: true, force: true });
});

const errorsOf = (c: Case) => results.get(join(root, planted.get(c)!)) ?? [];

describe('layer rules', () => {
  it('fail the lint step when any rule is broken', () => {
    expect(status).not.toBe(0);
  });

  it.each(violations)('%s: %s fails the lint step', (...c) => {
    const errors = errorsOf(violations.find((v) => v[0] === c[0] && v[1] === c[1])!);
    expect(errors.length, 'no lint error for this violation').toBeGreaterThan(0);
    expect(errors.join('\n')).toContain(c[2]);
  });

  it.each(allowed)('%s: %s passes (a layer may do this)', (...c) => {
    expect(errorsOf(allowed.find((v) => v[0] === c[0] && v[1] === c[1])!)).toEqual([]);
  });
});
