// Is there an Electron binary on this machine? Electron 42+ fetches it lazily on first launch, from a
// host that some machines (CI sandboxes, offline laptops) cannot reach.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function electronPackageDir(root) {
  return join(root, 'node_modules', 'electron');
}

/** The binary's path if it is already there, without triggering a download. */
export function presentElectronBinary(root) {
  const dir = electronPackageDir(root);
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH)
    return join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

export function electronVersion(root) {
  return JSON.parse(readFileSync(join(electronPackageDir(root), 'package.json'), 'utf8')).version;
}

export function electronAbi(root) {
  const file = join(electronPackageDir(root), 'abi_version');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}
