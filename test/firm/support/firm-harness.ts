// A firm: the hub (its database on PGlite or a throwaway PostgreSQL 15, companies connected from the
// emulator through real OAuth, synced by the hub's own worker), its API on loopback, advisors added by
// the admin's functions, and desktops: each a real data folder with its own SQLite file and token key.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDataDir } from '../../../src/main/db/data-dir.ts';
import type { Db } from '../../../src/main/db/open.ts';
import type { FirmContext } from '../../../src/main/firm/connect.ts';
import { firmSync, type FirmSyncResult } from '../../../src/main/firm/sync.ts';
import { startHubApi, type HubApi } from '../../../src/main/hub/api/index.ts';
import { addAdvisor } from '../../../src/main/hub/auth/accounts.ts';
import { setAssignments } from '../../../src/main/hub/auth/assignments.ts';
import type { Role } from '../../../src/main/hub/auth/roles.ts';
import { newOwner } from '../../../src/main/hub/jobs/owner.ts';
import { dueRefresh, workRefresh } from '../../../src/main/hub/jobs/worker.ts';
import { openRuntime, type Runtime } from '../../../src/main/runtime/runtime.ts';
import type { HubTestDriver } from '../../support/postgres.ts';
import { startHubHarness, type HubHarness } from '../../hub/support/hub-harness.ts';

export type Desktop = {
  name: string;
  dir: string;
  db: Db;
  ctx: FirmContext;
  runtime: Runtime;
  sync(o?: { pullLimit?: number; pushLimit?: number }): Promise<FirmSyncResult>;
};

export type Firm = {
  hub: HubHarness;
  api: HubApi;
  /** Every line the API logged. */
  log: string[];
  /** Runs one refresh of every company on the hub (its sync worker, against the emulator). */
  refresh(): Promise<void>;
  advisor(email: string, role: Role, companies: readonly string[]): Promise<string>;
  /** A desktop signed in with this code (to `hubUrl`: default the API itself, or a proxy in front). */
  desktop(name: string, code: string, hubUrl?: string): Promise<Desktop>;
  close(): Promise<void>;
};

export async function startFirm(driver: HubTestDriver, companies = 2): Promise<Firm> {
  const hub = await startHubHarness(driver, { companies });
  const log: string[] = [];
  const api = await startHubApi({ db: hub.db, log: (l) => log.push(l) });
  const desktops: Desktop[] = [];
  const refresh = async () => {
    const owner = newOwner('firm-test');
    const r = await dueRefresh(hub.db, owner, 0);
    await workRefresh(
      { db: hub.db, connections: hub.connections(), owner, leaseSeconds: 30, pageSize: 200 },
      r.id,
    );
  };
  return {
    hub,
    api,
    log,
    refresh,
    async advisor(email, role, ids) {
      const { code } = await addAdvisor(hub.db, { email, role });
      if (ids.length) await setAssignments(hub.db, email, ids);
      return code;
    },
    async desktop(name, code, hubUrl = api.url) {
      const dir = mkdtempSync(join(tmpdir(), `rowcol-firm-${name}-`));
      const db = openDataDir(dir);
      const env = { ROWCOL_TOKEN_KEY: randomBytes(32).toString('base64'), ROWCOL_KEYCHAIN: 'off' };
      const runtime = openRuntime({ dataDir: dir, db, env, onNotice: () => {} });
      const ctx: FirmContext = {
        db,
        dataDir: dir,
        env,
        advisorId: runtime.advisorId,
        now: () => new Date(),
      };
      // Through the channel the window and the CLI use.
      await runtime.call('firm:connect', { hubUrl, code, deviceName: name });
      const d: Desktop = {
        name,
        dir,
        db,
        ctx,
        runtime,
        sync: (o = {}) => firmSync({ ...ctx, ...o }),
      };
      desktops.push(d);
      return d;
    },
    async close() {
      for (const d of desktops) {
        await d.runtime.close();
        d.db.close();
      }
      await api.close();
      await hub.close();
    },
  };
}
