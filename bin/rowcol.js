#!/usr/bin/env node
// `rowcol`: runs the CLI's JavaScript built into out/cli (scripts/build-cli.mjs, run by `npm install`
// and `npm run build:cli`), so a start compiles nothing. The development path runs the TypeScript
// sources through tsx instead, with one line on stderr saying so: when ROWCOL_DEV=1, when there is no
// build, or when a source file changed since the build (an edit never runs as the old code).
import { readFileSync, statSync } from 'node:fs';

// `rowcol console … | head` closes the pipe early: that is the reader's choice, not an error to report.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const root = new URL('../', import.meta.url);
const built = new URL('out/cli/main.js', root);

/** Why the build cannot be run as it is, or undefined when it matches the sources. */
async function whyNotBuilt() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(new URL('out/cli/sources.json', root), 'utf8'));
    statSync(built);
  } catch {
    return 'there is no built CLI in out/cli';
  }
  // An install without the sources (only out/) runs its build as it is.
  if (!statSync(new URL('src', root), { throwIfNoEntry: false })) return undefined;
  for (const [file, [size, mtimeMs, sha1]] of Object.entries(manifest.sources)) {
    const now = statSync(new URL(file, root), { throwIfNoEntry: false });
    if (now && now.size === size && now.mtimeMs === mtimeMs) continue;
    // Touched but the same bytes (a checkout, a save without change) is still the built code.
    if (now && now.size === size) {
      const { createHash } = await import('node:crypto');
      if (
        createHash('sha1')
          .update(readFileSync(new URL(file, root)))
          .digest('hex') === sha1
      )
        continue;
    }
    return `${file} changed since the CLI was built`;
  }
  return undefined;
}

const dev = process.env.ROWCOL_DEV === '1';
const why = dev ? undefined : await whyNotBuilt();
let main;
if (!dev && why === undefined) ({ main } = await import(built.href));
else {
  process.stderr.write(
    dev
      ? 'rowcol: running the TypeScript sources through tsx (ROWCOL_DEV=1).\n'
      : `rowcol: ${why}; running the TypeScript sources through tsx, slower to start (npm run build:cli builds the CLI).\n`,
  );
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/main/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
