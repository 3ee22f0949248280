// Vitest global setup: builds the CLI from the sources as they are, once, before any test runs, so the
// tests that spawn bin/rowcol.js run today's code and never an older build (esbuild takes well under a
// second). A build error fails the run here, with esbuild's message, rather than in every CLI test.
import { buildCli } from '../../scripts/build-cli.mjs';

export default async function setup(): Promise<void> {
  const { built } = await buildCli({ quiet: true });
  if (!built)
    throw new Error(
      'the CLI could not be built (esbuild is missing): tests that run bin/rowcol.js need it',
    );
  // The suite runs the fresh build; the development path's note on stderr would break stderr checks.
  delete process.env.ROWCOL_DEV;
}
