#!/usr/bin/env node
// `npm start`: build the app and open it in Electron where Electron can run. Where it cannot (no Electron
// binary and no route to its download host, or no display), say so and open the browser version instead
// (`rowcol app`: the same window in the system browser). Not interactive (CI=true, or no terminal): never
// start anything long-running, just say how to start the browser version, and exit 0, so CI never hangs.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCli } from './build-cli.mjs';
import { buildNativeForElectron } from './native-for-electron.mjs';
import { presentElectronBinary } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ci = /^(1|true)$/i.test(process.env.CI ?? '');
const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY) && !ci;

const howToStartInBrowser = `To open RowCol in your browser:

  npm run build      # once, and after changing the sources
  npx rowcol app     # prints a one-time link and opens it in your browser

\`npx rowcol app --no-open\` only prints the link, \`--port N\` chooses the port, \`--data-dir DIR\` the
data folder; Ctrl+C stops it. Everything also runs headless: \`npx rowcol --help\`.`;

if (ci) {
  console.log(`rowcol: CI=true, so npm start opens no window here.\n\n${howToStartInBrowser}`);
  process.exit(0);
}

function fetchElectron() {
  console.log('rowcol: fetching the Electron binary (first start only) …');
  // Electron 42+ downloads its binary the first time `require('electron')` asks for its path.
  const r = spawnSync(process.execPath, ['-e', "require('electron')"], {
    cwd: root,
    encoding: 'utf8',
    timeout: 300_000,
  });
  return r.status === 0 && Boolean(presentElectronBinary(root));
}

/** Why the Electron window cannot open here, or undefined when it can. */
function whyNoWindow() {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    return 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)';
  if (presentElectronBinary(root)) return undefined;
  // A download can take minutes: only for someone at a terminal who is waiting for the window.
  if (interactive && fetchElectron()) return undefined;
  return interactive
    ? "Electron's binary could not be downloaded on this machine (no route to its download host)"
    : 'there is no Electron binary on this machine (it is downloaded by the first interactive npm start)';
}

const run = (args) =>
  spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status ?? 1;
const electronVite = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');

const why = whyNoWindow();
if (why === undefined) {
  if (!buildNativeForElectron()) process.exit(1);
  const built = run([electronVite, 'build']);
  if (built !== 0) process.exit(built);
  const app = spawnSync(presentElectronBinary(root), [root], { cwd: root, stdio: 'inherit' });
  process.exit(app.status ?? 0);
}

if (!interactive) {
  console.log(
    `rowcol: the desktop window cannot open here: ${why}. This is not an interactive terminal, so nothing is started.\n\n${howToStartInBrowser}`,
  );
  process.exit(0);
}

console.log(
  `rowcol: the desktop window cannot open here: ${why}.\nrowcol: opening the browser version instead (\`rowcol app\`: the same app, in your browser).`,
);
const built = run([electronVite, 'build']);
if (built !== 0) process.exit(built);
await buildCli({ quiet: true });
const server = spawn(process.execPath, [join(root, 'bin', 'rowcol.js'), 'app'], {
  cwd: root,
  stdio: 'inherit',
});
// Ctrl+C reaches the server too (same terminal process group): it stops cleanly, then this exits with it.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
  process.on(signal, () => {
    if (signal !== 'SIGINT') server.kill(signal);
  });
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
