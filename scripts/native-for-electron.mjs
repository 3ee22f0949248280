#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into native/electron/, beside the Node build in node_modules
// that the CLI and tests use. The app loads this copy through better-sqlite3's `nativeBinding` option
// (src/main/db/open.ts), so one checkout serves both without toggling.
// Runs after `npm install` and before `npm start`; does nothing where there is no Electron binary.
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  copyFileSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { electronAbi, electronVersion, presentElectronBinary } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'native', 'electron');
const stamp = join(outDir, 'built-for.txt');

export function buildNativeForElectron({ quiet = false } = {}) {
  const say = (m) => quiet || console.log(`rowcol: ${m}`);
  if (!existsSync(join(root, 'node_modules', 'electron'))) return false;
  if (!presentElectronBinary(root)) {
    say(
      'no Electron binary here yet, so better-sqlite3 was not built for Electron (npm start does it once Electron is present).',
    );
    return false;
  }
  const version = electronVersion(root);
  const abi = electronAbi(root);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === version) return true;
  say(`building better-sqlite3 for Electron ${version} (ABI ${abi}) into native/electron …`);
  const work = join(root, 'native', '.build', 'better-sqlite3');
  rmSync(work, { recursive: true, force: true });
  cpSync(join(root, 'node_modules', 'better-sqlite3'), work, {
    recursive: true,
    filter: (src) => !src.includes(`${join('better-sqlite3', 'build')}`),
  });
  const nodeGyp =
    process.env.npm_config_node_gyp ??
    createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');
  // Trap: an ~/.npmrc `nodedir` silently makes node-gyp use Node's headers instead of Electron's.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^npm_config_nodedir$/i.test(k)),
  );
  const r = spawnSync(
    process.execPath,
    [
      nodeGyp,
      'rebuild',
      '--release',
      `--target=${version}`,
      `--arch=${process.arch}`,
      '--runtime=electron',
      '--dist-url=https://electronjs.org/headers',
    ],
    { cwd: work, stdio: quiet ? 'ignore' : 'inherit', env },
  );
  const built = join(work, 'build', 'Release', 'better_sqlite3.node');
  if (r.status !== 0 || !existsSync(built)) {
    say(
      'could not build better-sqlite3 for Electron; the desktop app will not open its database. The CLI still works.',
    );
    return false;
  }
  // Check the module really registers for Electron's ABI, not Node's.
  if (abi && !readFileSync(built).includes(`node_register_module_v${abi}`)) {
    say(`the build does not target Electron's ABI ${abi}; discarded.`);
    return false;
  }
  mkdirSync(outDir, { recursive: true });
  copyFileSync(built, join(outDir, 'better_sqlite3.node'));
  writeFileSync(stamp, `${version}\n`);
  rmSync(join(root, 'native', '.build'), { recursive: true, force: true });
  say('better-sqlite3 for Electron is ready.');
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildNativeForElectron();
}
