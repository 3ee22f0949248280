// Paths inside a packaged app. Plain, unit-tested. The Electron build of better-sqlite3 is unpacked
// beside the archive (electron-builder.yml asarUnpack: a native module cannot be loaded from inside
// app.asar), so the database is opened with the binding under app.asar.unpacked.

/** The folder that holds unpacked files: app.asar → app.asar.unpacked; a development checkout as it is. */
export const unpackedRoot = (appPath: string): string =>
  /\.asar$/.test(appPath) ? `${appPath}.unpacked` : appPath;
