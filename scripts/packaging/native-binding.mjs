// What kind of machine a native module (.node) was built for, read from its header: ELF (Linux),
// Mach-O (macOS) or PE (Windows), and the CPU. before-pack.mjs refuses to package better-sqlite3 built for
// another OS or CPU than the installer being made: it could never be loaded there.
import { readFileSync } from 'node:fs';

const elfMachines = { 0x3e: 'x64', 0xb7: 'arm64', 0x28: 'armv7l', 0x03: 'ia32' };
const machoCpus = { 0x01000007: 'x64', 0x0100000c: 'arm64' };
const peMachines = { 0x8664: 'x64', 0xaa64: 'arm64', 0x014c: 'ia32' };

/** { platform: 'linux' | 'darwin' | 'win32', arch } or undefined when the file is none of these. */
export function nativeKindOf(bytes) {
  if (bytes.length < 64) return undefined;
  if (bytes.readUInt32BE(0) === 0x7f454c46)
    return { platform: 'linux', arch: elfMachines[bytes.readUInt16LE(18)] ?? 'unknown' };
  const magic = bytes.readUInt32LE(0);
  if (magic === 0xfeedfacf)
    return { platform: 'darwin', arch: machoCpus[bytes.readUInt32LE(4)] ?? 'unknown' };
  if (bytes.readUInt32BE(0) === 0xcafebabe) return { platform: 'darwin', arch: 'universal' };
  if (bytes.readUInt16LE(0) === 0x5a4d) {
    const pe = bytes.readUInt32LE(0x3c);
    if (pe + 6 <= bytes.length && bytes.readUInt32LE(pe) === 0x00004550)
      return { platform: 'win32', arch: peMachines[bytes.readUInt16LE(pe + 4)] ?? 'unknown' };
  }
  return undefined;
}

/** electron-builder's Arch enum → its name. */
export const archNames = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/** Why `file` cannot go into a package for platform/arch, or undefined when it can. */
export function nativeBindingProblem(file, platform, arch, read = readFileSync) {
  let bytes;
  try {
    bytes = read(file);
  } catch {
    return `${file} is missing: run \`node scripts/native-for-electron.mjs\` (npm run dist does) on a machine where Electron can be downloaded.`;
  }
  const kind = nativeKindOf(bytes);
  const target = platform === 'mas' ? 'darwin' : platform;
  if (!kind) return `${file} is not a native module.`;
  if (kind.platform !== target || (kind.arch !== arch && kind.arch !== 'universal'))
    return `${file} is built for ${kind.platform} ${kind.arch}, but this package is for ${target} ${arch}: build each installer on its own OS and CPU (npm run dist there).`;
  return undefined;
}
