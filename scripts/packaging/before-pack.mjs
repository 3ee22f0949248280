// electron-builder beforePack hook: the package must carry better-sqlite3 built for this Electron and
// for the installer's OS and CPU (native/electron/, made by scripts/native-for-electron.mjs), or the
// desktop app could not open its database. Refuses to package otherwise, saying what to do.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { archNames, nativeBindingProblem } from './native-binding.mjs';

export default async function beforePack(context) {
  const root = context.packager.info.projectDir;
  const file = join(root, 'native', 'electron', 'better_sqlite3.node');
  const problem = nativeBindingProblem(file, context.electronPlatformName, archNames[context.arch]);
  if (problem) throw new Error(`rowcol: ${problem}`);
  const stamp = join(root, 'native', 'electron', 'built-for.txt');
  const builtFor = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : undefined;
  const electron = JSON.parse(
    readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
  ).version;
  if (builtFor !== electron)
    throw new Error(
      `rowcol: native/electron/better_sqlite3.node was built for Electron ${builtFor ?? '(unknown)'}, not ${electron}: run \`node scripts/native-for-electron.mjs\` again.`,
    );
}
