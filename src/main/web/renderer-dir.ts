// Where the built window is: ROWCOL_RENDERER_DIR, else out/renderer of the checkout this code runs from
// (src/main/web through tsx, or out/cli/… when built: both sit under the checkout's root).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CodedError } from '../../core/result.ts';

export function rendererDir(
  env: NodeJS.ProcessEnv = process.env,
  from: string = import.meta.url,
): string {
  const chosen = env.ROWCOL_RENDERER_DIR;
  if (chosen) {
    const dir = resolve(chosen);
    if (!existsSync(join(dir, 'index.html')))
      throw new CodedError(
        'INVALID_INPUT',
        `ROWCOL_RENDERER_DIR (${dir}) holds no index.html: point it at a built renderer, or unset it.`,
      );
    return dir;
  }
  for (let dir = dirname(fileURLToPath(from)); ; dir = dirname(dir)) {
    const candidate = join(dir, 'out', 'renderer');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (dirname(dir) === dir) break;
  }
  throw new CodedError(
    'UNAVAILABLE',
    'The window is not built yet: run `npm run build` (or `npx electron-vite build`), then `rowcol app` again.',
  );
}
