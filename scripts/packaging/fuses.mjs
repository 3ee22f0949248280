// The Electron fuses RowCol ships with, flipped in the packaged binary by after-pack.mjs before it is
// signed (so the OS's signature check keeps them flipped). https://www.electronjs.org/docs/latest/tutorial/fuses
import { FuseV1Options, FuseVersion } from '@electron/fuses';

/** Each fuse and why. */
export const rowcolFuses = {
  // ELECTRON_RUN_AS_NODE would turn the signed app into a plain Node for any script.
  [FuseV1Options.RunAsNode]: false,
  // Cookies (none today) are encrypted at rest with the OS keychain's key.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS could preload code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect would let anyone on the machine attach a debugger to main.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // macOS and Windows check app.asar against the hash signed into the package.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // The app loads only from app.asar, never from a loose folder placed beside it.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // The renderer is served from rowcol://, so file:// needs none of its old extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** The fuse names (as @electron/fuses spells them) and the state each must have. */
export const fuseNames = Object.fromEntries(
  Object.entries(rowcolFuses).map(([index, on]) => [FuseV1Options[Number(index)], on]),
);

/** Where electron-builder put the Electron binary of this platform's package (as its own fuse step does). */
export function electronBinaryOf(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas')
    return `${appOutDir}/${packager.appInfo.productFilename}.app`;
  if (electronPlatformName === 'win32')
    return `${appOutDir}/${packager.appInfo.productFilename}.exe`;
  return `${appOutDir}/${packager.executableName}`;
}

/** electron-builder's Arch enum: 3 is arm64. */
const arm64 = 3;

export function fuseConfigFor(context) {
  return {
    version: FuseVersion.V1,
    // An arm64 Mac binary must carry a valid signature; if it is not signed next, re-sign it ad hoc.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === arm64,
    ...rowcolFuses,
  };
}
