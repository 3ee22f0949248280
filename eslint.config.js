// Lint rules, and above all the layer rules of ARCHITECTURE.md "Layers, and who may import whom", enforced per folder: src/core, the
// renderer, the preload, each folder of src/main (layer map, electron, SQL) and the emulator's fence.
// test/layers.test.ts proves that breaking each of these makes `npm test` fail.
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

// The QBO emulator (top-level emulator/) is test and demo infrastructure, not product code: only the demo
// books (src/main/sync/demo.ts, loaded on demand) and the `rowcol emulator` command may import it.
const emulatorFence = {
  group: ['**/emulator/**'],
  message:
    'Only src/main/sync/demo.ts (dynamically) and src/main/cli/commands/emulator.ts import the emulator (emulator/README.md).',
};

const core = {
  paths: [
    ...nodeBuiltins,
    'electron',
    'better-sqlite3',
    'undici',
    'react',
    'react-dom',
    'zustand',
    'intuit-oauth',
    'bottleneck',
    'electron-store',
  ].map((name) => ({
    name,
    message:
      "src/core is pure TypeScript: no platform modules (ARCHITECTURE.md 'Layers, and who may import whom').",
  })),
  patterns: [
    {
      group: ['node:*'],
      message:
        "src/core is pure TypeScript: no Node modules (ARCHITECTURE.md 'Layers, and who may import whom').",
    },
    {
      group: [
        '**/main/**',
        '**/renderer/**',
        '**/preload/**',
        '../main',
        '../renderer',
        '../preload',
      ],
      message: 'src/core imports only src/core.',
    },
    emulatorFence,
  ],
};

const renderer = {
  paths: [
    ...nodeBuiltins,
    'electron',
    'better-sqlite3',
    'undici',
    'intuit-oauth',
    'bottleneck',
    'electron-store',
  ].map((name) => ({
    name,
    message:
      "The renderer runs in a sandboxed browser: it reaches main only through src/renderer/src/lib/api.ts (ARCHITECTURE.md 'Layers, and who may import whom').",
  })),
  patterns: [
    { group: ['node:*'], message: 'No Node modules in the renderer.' },
    {
      group: ['**/main/**', '../main', '../../main'],
      message: 'The renderer never imports src/main.',
    },
    emulatorFence,
  ],
};

const preload = {
  paths: nodeBuiltins.map((name) => ({
    name,
    message: 'The preload is sandboxed: only electron (contextBridge, ipcRenderer) and types.',
  })),
  patterns: [
    {
      group: ['node:*'],
      message: 'The preload is sandboxed: only electron (contextBridge, ipcRenderer) and types.',
    },
    {
      group: ['**/main/**', '**/renderer/**', 'react', 'zod', 'better-sqlite3', 'undici'],
      message: 'The preload imports only electron and types from src/core.',
    },
    {
      group: ['**/core/**'],
      allowTypeImports: true,
      message: 'The preload imports only types from src/core.',
    },
    emulatorFence,
  ],
};

// ---- src/main, folder by folder (the design guide's layer map, as it holds in the code):
//   core ← qbo, db          QBO's HTTP API and the SQLite database; neither imports the other
//   qbo, db ← oauth         tokens: Intuit's OAuth endpoints, kept sealed in the database
//   qbo, oauth, db ← sync   the sync engine writes the mirror
//   db ← services           the advisor's work, from the mirror only (never from QuickBooks)
//   … ← handlers ← runtime ← cli, app   (handlers may take the runtime's types: their context)
// Read "A ← B" as "B may import A". Besides: electron only in app/; SQL only in db/ (below).
// settings (the advisor's settings file) sits beside services: it may read oauth (the token key seals
// the client secret) and services (the tray thresholds' rules), and is read by handlers and the runtime.
// hub (`rowcol hub`, the firm's server on PostgreSQL) sits beside sync: it reuses qbo (the QBO client),
// oauth (the token sealer, Intuit's endpoints) and sync's pure helpers (cursors, page sizes), and types of
// db; never services or handlers (the desktop's work runs on SQLite). Only cli and the runtime start it.
// Its SQL lives only in hub/db (the one folder that may import pg and PGlite), as SQLite's lives in db/.
const layers = [
  'qbo',
  'oauth',
  'db',
  'sync',
  'services',
  'settings',
  'handlers',
  'runtime',
  'cli',
  'app',
  'hub',
];
const mayNotImport = {
  qbo: ['oauth', 'db', 'sync', 'services', 'handlers', 'runtime', 'cli', 'app', 'hub'],
  db: ['qbo', 'oauth', 'sync', 'services', 'handlers', 'runtime', 'cli', 'app', 'hub'],
  oauth: ['sync', 'services', 'handlers', 'runtime', 'cli', 'app', 'hub'],
  sync: ['services', 'handlers', 'runtime', 'cli', 'app', 'hub'],
  services: ['qbo', 'oauth', 'sync', 'handlers', 'runtime', 'cli', 'app', 'hub'],
  settings: ['sync', 'handlers', 'runtime', 'cli', 'app', 'hub'],
  handlers: ['cli', 'app', 'hub'],
  runtime: ['cli', 'app'],
  cli: ['app'],
  app: ['cli', 'hub'],
  hub: ['services', 'settings', 'handlers', 'runtime', 'cli', 'app'],
};
// firm (a desktop in firm mode, issue 15 §5) sits beside sync: it pulls the mirror and the shared work
// from the hub's HTTP API into SQLite through db's repositories, recomputes trays through services, and
// seals its device token with oauth's token key. It never talks to QBO (no qbo, no sync) and shares no
// code with the hub's server (only the wire format): the hub runs elsewhere. cli (and later handlers) use it.
layers.push('firm');
for (const folder of ['qbo', 'db', 'oauth', 'sync', 'services', 'settings', 'hub'])
  mayNotImport[folder].push('firm');
mayNotImport.firm = ['qbo', 'sync', 'handlers', 'runtime', 'cli', 'app', 'hub'];

/**
 * `@typescript-eslint/no-restricted-imports` for one src/main folder (null: the files directly in src/main).
 * One rule entry per file: ESLint replaces a rule's options, it does not merge them, so every restriction
 * that applies to a file is built here. `emulator`: 'no' (the default), 'types' (demo.ts: it loads the
 * emulator with import(), only its types statically) or 'yes' (the emulator command).
 */
function mainImports(folder, { emulator = 'no', pgDrivers = false } = {}) {
  const paths = [
    ...(pgDrivers
      ? []
      : ['pg', '@electric-sql/pglite'].map((name) => ({
          name,
          message:
            "Only src/main/hub/db touches the hub's PostgreSQL: ask a repository (src/main/hub/db/repositories/).",
        }))),
    ...['react', 'react-dom', 'zustand'].map((name) => ({
      name,
      message: 'src/main never imports UI code.',
    })),
    ...(folder === 'app'
      ? []
      : ['electron', 'electron-store'].map((name) => ({
          name,
          message: `Only src/main/app/ imports ${name}: the CLI, the tests and a later server run without it.`,
        }))),
    ...(folder === 'db'
      ? []
      : [
          {
            name: 'better-sqlite3',
            message: 'Only src/main/db touches SQL: ask a repository (src/main/db/repositories/).',
          },
        ]),
  ];
  const patterns = [
    { group: ['**/renderer/**'], message: 'src/main never imports src/renderer.' },
    ...(folder === 'app'
      ? []
      : [{ group: ['electron/*'], message: 'Only src/main/app/ imports electron.' }]),
    ...(folder
      ? (mayNotImport[folder] ?? []).map((other) => ({
          group: [`**/${other}/**`],
          message: `src/main/${folder} may not import src/main/${other} (layer map in eslint.config.js).`,
        }))
      : []),
    ...(folder === 'handlers'
      ? [
          {
            group: ['**/runtime/**'],
            allowTypeImports: true,
            message: 'src/main/handlers takes only types from src/main/runtime (its context).',
          },
        ]
      : []),
    ...(emulator === 'yes' ? [] : [{ ...emulatorFence, allowTypeImports: emulator === 'types' }]),
  ];
  return { '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }] };
}

// better-sqlite3's calls that run SQL or change the connection. `.exec(` is also RegExp's, so it counts
// only on something named like a database or with SQL text written in the call.
const sqlCalls = {
  prepare: "CallExpression[callee.type='MemberExpression'][callee.property.name='prepare']",
  pragma: "CallExpression[callee.type='MemberExpression'][callee.property.name='pragma']",
  transaction: "CallExpression[callee.type='MemberExpression'][callee.property.name='transaction']",
  exec: [
    "CallExpression[callee.property.name='exec'][callee.object.name=/^(db|.*Db|database)$/]",
    "CallExpression[callee.property.name='exec'][callee.object.property.name=/^(db|.*Db|database)$/]",
    "CallExpression[callee.property.name='exec'][arguments.0.type=/^(Literal|TemplateLiteral)$/][arguments.0.regex=undefined]",
  ],
};
const sqlOutsideDb = (allow = []) =>
  Object.entries(sqlCalls)
    .filter(([name]) => !allow.includes(name))
    .flatMap(([name, selectors]) =>
      [selectors].flat().map((selector) => ({
        selector,
        message:
          name === 'transaction'
            ? 'Only src/main/db touches SQL: for several repository calls in one transaction use writeTransaction / inTransaction (src/main/db/transaction.ts).'
            : `Only src/main/db touches SQL (.${name}): ask a repository (src/main/db/repositories/).`,
      })),
    );
/** Inside the repositories: SQL is prepared through the one statement cache only. */
const oneStatementCache = ['prepare', 'exec', 'pragma'].flatMap((name) =>
  [sqlCalls[name]].flat().map((selector) => ({
    selector,
    message: `Repositories prepare SQL through the one statement cache: stmt() / namedStmt() of src/main/db/statements.ts (not .${name}).`,
  })),
);
const dynamicEmulator = {
  selector: 'ImportExpression[source.value=/(^|\\/)emulator\\//]',
  message: emulatorFence.message,
};

/** The hub's SQL (HubDb.query / exec with SQL text) outside src/main/hub/db. */
const hubSqlOutsideHubDb = {
  selector:
    'CallExpression[callee.property.name=/^(query|exec)$/][arguments.0.type=/^(Literal|TemplateLiteral)$/][arguments.0.regex=undefined]',
  message:
    "Only src/main/hub/db touches the hub's PostgreSQL: ask a repository (src/main/hub/db/repositories/).",
};

/** `no-restricted-syntax` for one src/main folder (same single-entry rule as mainImports). */
function mainSyntax(folder, { emulator = 'no', allowSql = [] } = {}) {
  const selectors = [
    ...(folder === 'db' ? [] : sqlOutsideDb(allowSql)),
    ...(folder === 'hub' ? [hubSqlOutsideHubDb] : []),
    ...(emulator === 'no' ? [dynamicEmulator] : []),
  ];
  return { 'no-restricted-syntax': ['error', ...selectors] };
}

const mainBlocks = [
  // Every file of src/main (a folder not in the layer map too), then each folder's own block over it.
  { files: ['src/main/**/*.ts'], rules: { ...mainImports(null), ...mainSyntax(null) } },
  ...layers.map((folder) => ({
    files: [`src/main/${folder}/**/*.ts`],
    rules: { ...mainImports(folder), ...mainSyntax(folder) },
  })),
  // The hub's PostgreSQL: its SQL and its drivers only here (pg's and PGlite's .query/.exec).
  {
    files: ['src/main/hub/db/**/*.ts'],
    rules: {
      ...mainImports('hub', { pgDrivers: true }),
      'no-restricted-syntax': ['error', dynamicEmulator],
    },
  },
  {
    files: ['src/main/db/repositories/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...oneStatementCache, dynamicEmulator] },
  },
  // The two doors to the emulator.
  {
    files: ['src/main/sync/demo.ts'],
    rules: {
      ...mainImports('sync', { emulator: 'types' }),
      ...mainSyntax('sync', { emulator: 'yes' }),
    },
  },
  {
    files: ['src/main/cli/commands/emulator.ts'],
    rules: {
      ...mainImports('cli', { emulator: 'yes' }),
      ...mainSyntax('cli', { emulator: 'yes' }),
    },
  },
];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'native/**', 'dist/**', '.tmp/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'it', property: 'only' },
        { object: 'describe', property: 'only' },
        { object: 'test', property: 'only' },
      ],
    },
  },
  { files: ['src/core/**/*.ts'], rules: { 'no-restricted-imports': ['error', core] } },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', renderer] },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', preload],
      // Only contextBridge and ipcRenderer may be taken from electron.
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "ImportDeclaration[source.value='electron'] > ImportSpecifier:not([imported.name=/^(contextBridge|ipcRenderer|IpcRendererEvent)$/])",
          message: 'The preload may only use contextBridge and ipcRenderer from electron.',
        },
      ],
    },
  },
  ...mainBlocks,
  {
    files: ['emulator/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/**'],
              message:
                'The emulator imports nothing of RowCol (src/): it stands in for QuickBooks and must not lean on the product.',
            },
          ],
        },
      ],
    },
  },
);
