#!/usr/bin/env node
// Builds the headless CLI's JavaScript into out/cli/, so `rowcol` starts without compiling TypeScript
// (bin/rowcol.js runs out/cli/main.js). Runs after `npm install`, in `npm run build`, before the test
// suite (vitest globalSetup) and in the cli-start bench; esbuild is local, so it works offline.
//
// Choices:
// - Code splitting: every `await import()` becomes its own chunk (the emulator, playwright-core for PDF),
//   loaded only by the command that needs it.
// - npm packages stay external (Node loads them from node_modules) except the small pure-JS ones every
//   command runs: inlined, they save Node resolving and loading them file by file at each start. Native
//   ones (better-sqlite3, the keychain) must load from disk; the heavy ones (undici, intuit-oauth,
//   bottleneck, playwright-core) must not be parsed by a command that does not use them.
// - Files are written to a temporary name and renamed, entry last, unchanged ones left alone: a CLI
//   started during a build runs either the old build or the new one, never half of each.
// - out/cli/sources.json records every source file the build read as [size, mtime, SHA-1]: bin/rowcol.js
//   checks it, so an edited source never runs as the old build.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const cliOutDir = join(root, 'out', 'cli');
const inlined = new Set(['commander', 'zod']);

const packageName = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/** Every bare import is external unless it is one of the inlined packages. */
const externalPackages = {
  name: 'rowcol-external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:') || inlined.has(packageName(args.path))) return undefined;
      return { path: args.path, external: true };
    });
  },
};

/** Writes `bytes` to `file` through a temporary name, unless the file already holds exactly these bytes. */
function writeAtomically(file, bytes) {
  if (existsSync(file)) {
    const old = readFileSync(file);
    if (old.length === bytes.length && old.equals(bytes)) return false;
  }
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, bytes);
  renameSync(temp, file);
  return true;
}

function sourceRecord(file) {
  const full = join(root, file);
  const { size, mtimeMs } = statSync(full);
  return [size, mtimeMs, createHash('sha1').update(readFileSync(full)).digest('hex')];
}

/** Builds out/cli: `built` false only when esbuild is missing; `written` 0 when the build was already current. */
export async function buildCli({ quiet = false } = {}) {
  const say = (m) => quiet || console.log(`rowcol: ${m}`);
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    say(
      'esbuild is not installed (npm install --omit=dev?), so the CLI was not built; `rowcol` runs from the TypeScript sources instead (slower to start).',
    );
    return { built: false, written: 0 };
  }
  const started = performance.now();
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { main: 'src/main/cli/main.ts' },
    outdir: cliOutDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    chunkNames: 'chunks/[name]-[hash]',
    // Inlined CommonJS (commander) calls require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as __rowcolCreateRequire } from 'node:module';\nconst require = __rowcolCreateRequire(import.meta.url);",
    },
    plugins: [externalPackages],
    metafile: true,
    write: false,
    logLevel: quiet ? 'silent' : 'warning',
  });
  const outputs = result.outputFiles.map((f) => ({ path: f.path, bytes: Buffer.from(f.contents) }));
  const entry = join(cliOutDir, 'main.js');
  const sources = Object.fromEntries(
    Object.keys(result.metafile.inputs)
      .filter((f) => !f.includes('node_modules/'))
      .sort()
      .map((f) => [f, sourceRecord(f)]),
  );
  const manifest = {
    path: join(cliOutDir, 'sources.json'),
    bytes: Buffer.from(JSON.stringify({ entry: 'main.js', sources }) + '\n'),
  };
  // Chunks first, the entry last: the entry names the chunks it needs, so they must be in place before it.
  const ordered = [
    ...outputs.filter((o) => o.path !== entry),
    manifest,
    ...outputs.filter((o) => o.path === entry),
  ];
  let written = 0;
  for (const o of ordered) if (writeAtomically(o.path, o.bytes)) written++;
  // Chunks of earlier builds (their names carry a content hash) are no longer referenced.
  const keep = new Set(ordered.map((o) => o.path));
  const chunks = join(cliOutDir, 'chunks');
  if (existsSync(chunks))
    for (const f of readdirSync(chunks))
      if (!keep.has(join(chunks, f))) rmSync(join(chunks, f), { force: true });
  const ms = Math.round(performance.now() - started);
  say(
    written
      ? `CLI built into ${relative(root, cliOutDir)} (${written} file${written === 1 ? '' : 's'} written, ${ms} ms).`
      : `CLI in ${relative(root, cliOutDir)} is up to date (${ms} ms).`,
  );
  return { built: true, written };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await buildCli({ quiet: process.argv.includes('--quiet') });
  } catch (error) {
    // esbuild has already printed the errors with their file and line.
    console.error(
      `rowcol: the CLI build failed${error?.errors?.length ? '' : `: ${error?.message ?? error}`}`,
    );
    process.exit(1);
  }
}
