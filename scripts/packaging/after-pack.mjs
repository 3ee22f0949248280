// electron-builder afterPack hook: flips the Electron fuses (fuses.mjs) in the packaged binary. It runs
// after the app is copied and before it is signed and put into its installer.
import { flipFuses } from '@electron/fuses';
import { electronBinaryOf, fuseConfigFor } from './fuses.mjs';

export default async function afterPack(context) {
  const binary = electronBinaryOf(context);
  const flipped = await flipFuses(binary, fuseConfigFor(context));
  console.log(
    `  • rowcol: Electron fuses set in ${binary} (${flipped} fuse wire${flipped > 1 ? 's' : ''})`,
  );
}
