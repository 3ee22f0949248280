#!/usr/bin/env node
// `npm run dist [-- electron-builder options]`: installers for this OS (README "Building installers").
// Fetches the Electron binary if needed (Electron 42+ downloads it on first use), builds better-sqlite3
// for it, builds the app, then runs electron-builder with electron-builder.yml. Needs the internet
// (Electron's binary and headers), so it cannot run on the build machines without it.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { presentElectronBinary } from './electron-binary.mjs';
import { buildNativeForElectron } from './native-for-electron.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (args) =>
  spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status ?? 1;

if (!presentElectronBinary(root)) {
  console.log('rowcol: fetching the Electron binary …');
  spawnSync(process.execPath, ['-e', "require('electron')"], { cwd: root, stdio: 'inherit' });
}
if (!presentElectronBinary(root)) {
  console.error(
    'rowcol: the Electron binary could not be downloaded here, so no installer can be built on this machine.',
  );
  process.exit(1);
}
if (!buildNativeForElectron()) process.exit(1);
let status = run([join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build']);
if (status === 0)
  status = run([
    join(root, 'node_modules', 'electron-builder', 'cli.js'),
    '--publish',
    'never',
    ...process.argv.slice(2),
  ]);
process.exit(status);
