// The app's version, from package.json (bundled at build time by electron-vite, read by tsx in the CLI).
import pkg from '../../package.json' with { type: 'json' };

export const appVersion: string = pkg.version;
