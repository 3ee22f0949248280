// Lint rules, and above all the layer rules of ARCHITECTURE.md §2, enforced per folder.
// test/layers.test.ts proves that breaking one of these makes `npm test` fail.
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const core = {
  paths: [...nodeBuiltins, 'electron', 'better-sqlite3', 'undici', 'react', 'react-dom', 'zustand', 'intuit-oauth', 'bottleneck', 'electron-store'].map(
    (name) => ({ name, message: 'src/core is pure TypeScript: no platform modules (ARCHITECTURE.md §2).' }),
  ),
  patterns: [
    { group: ['node:*'], message: 'src/core is pure TypeScript: no Node modules (ARCHITECTURE.md §2).' },
    { group: ['**/main/**', '**/renderer/**', '**/preload/**', '../main', '../renderer', '../preload'], message: 'src/core imports only src/core.' },
  ],
};

const renderer = {
  paths: [...nodeBuiltins, 'electron', 'better-sqlite3', 'undici', 'intuit-oauth', 'bottleneck', 'electron-store'].map((name) => ({
    name,
    message: 'The renderer runs in a sandboxed browser: it reaches main only through src/renderer/src/lib/api.ts (ARCHITECTURE.md §2).',
  })),
  patterns: [
    { group: ['node:*'], message: 'No Node modules in the renderer.' },
    { group: ['**/main/**', '../main', '../../main'], message: 'The renderer never imports src/main.' },
  ],
};

const preload = {
  paths: nodeBuiltins.map((name) => ({ name, message: 'The preload is sandboxed: only electron (contextBridge, ipcRenderer) and types.' })),
  patterns: [
    { group: ['node:*'], message: 'The preload is sandboxed: only electron (contextBridge, ipcRenderer) and types.' },
    { group: ['**/main/**', '**/renderer/**', 'react', 'zod', 'better-sqlite3', 'undici'], message: 'The preload imports only electron and types from src/core.' },
    { group: ['**/core/**'], allowTypeImports: true, message: 'The preload imports only types from src/core.' },
  ],
};

const main = {
  paths: ['react', 'react-dom', 'zustand'].map((name) => ({ name, message: 'src/main never imports UI code.' })),
  patterns: [{ group: ['**/renderer/**'], message: 'src/main never imports src/renderer.' }],
};

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'native/**', 'dist/**', '.tmp/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'it', property: 'only' }, { object: 'describe', property: 'only' }, { object: 'test', property: 'only' }],
    },
  },
  { files: ['src/core/**/*.ts'], rules: { 'no-restricted-imports': ['error', core] } },
  { files: ['src/renderer/**/*.{ts,tsx}'], rules: { 'no-restricted-imports': ['error', renderer] } },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', preload],
      // Only contextBridge and ipcRenderer may be taken from electron.
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='electron'] > ImportSpecifier:not([imported.name=/^(contextBridge|ipcRenderer|IpcRendererEvent)$/])",
          message: 'The preload may only use contextBridge and ipcRenderer from electron.',
        },
      ],
    },
  },
  { files: ['src/main/**/*.ts'], rules: { 'no-restricted-imports': ['error', main] } },
);
