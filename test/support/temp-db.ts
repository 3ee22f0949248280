import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDataDir } from '../../src/main/db/data-dir.ts';
import type { Db } from '../../src/main/db/open.ts';

/** A real SQLite file in a fresh temp folder, with every migration applied. */
export function tempDataDir(prefix = 'rowcol-test-'): { dir: string; db: Db; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const db = openDataDir(dir);
  return {
    dir,
    db,
    cleanup: () => {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
