#!/usr/bin/env node
// `npm start`: build the app and open it in Electron. Where no Electron binary can be had (no route to its
// download host), say so plainly, point to what works without it, and exit cleanly.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNativeForElectron } from './native-for-electron.mjs';
import { presentElectronBinary } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function ensureElectron() {
  if (presentElectronBinary(root)) return true;
  console.log('rowcol: fetching the Electron binary (first start only) …');
  // Electron 42+ downloads its binary the first time `require('electron')` asks for its path.
  const r = spawnSync(process.execPath, ['-e', "require('electron')"], {
    cwd: root,
    encoding: 'utf8',
    timeout: 300_000,
  });
  return r.status === 0 && Boolean(presentElectronBinary(root));
}

if (!ensureElectron()) {
  console.log(`
RowCol's desktop window needs the Electron binary, which is downloaded on first start, and it could not
be downloaded on this machine (no route to Electron's download host). Nothing is broken: everything but
the window runs in plain Node. Use the headless CLI on the same engine and database: \`npx rowcol --help\`
(for example \`npx rowcol connect --demo\`, then \`npx rowcol sync --all\` and \`npx rowcol clients\`), and
\`npm test\` runs the whole suite, the UI included, in this machine's Chromium. On a machine with internet,
\`npm start\` fetches Electron once and opens the app.
`);
  process.exit(0);
}

if (!buildNativeForElectron()) process.exit(1);
const build = spawnSync(
  process.execPath,
  [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
  { cwd: root, stdio: 'inherit' },
);
if (build.status !== 0) process.exit(build.status ?? 1);
const app = spawnSync(presentElectronBinary(root), [root], { cwd: root, stdio: 'inherit' });
process.exit(app.status ?? 0);
