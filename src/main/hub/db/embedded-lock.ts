// The embedded database (PGlite) has one connection and no lock of its own: two processes opening one
// folder would both write it and corrupt it. So a process holds <dataDir>/hub-db.lock (its pid) while it
// has the folder open; another one is refused in one line, and a lock left by a process that died is
// taken over. A fleet uses DATABASE_URL.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { CodedError } from '../../../core/result.ts';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Takes the lock; returns its release. */
export function lockEmbeddedDb(lockFile: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        rmSync(lockFile, { force: true });
      };
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(lockFile, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid))
        throw new CodedError(
          'UNAVAILABLE',
          `The embedded hub database is open in another process (pid ${pid}): stop it first, or run the hub on PostgreSQL (DATABASE_URL).`,
        );
      rmSync(lockFile, { force: true }); // left by a process that is gone
    }
  }
  throw new CodedError('UNAVAILABLE', `Cannot take the lock ${lockFile}.`);
}
