// The desktop's firm mode in the CLI: `rowcol connect --hub URL --code CODE` (sign in) and the firm part of
// `rowcol sync` (push the work made here, pull the hub's changes). Called from connect.ts and sync.ts.
import { hostname } from 'node:os';
import { listClients } from '../../db/repositories/clients.ts';
import { firmClients, firmLink, unpushedCount } from '../../db/repositories/firm.ts';
import { connectToHub, type FirmContext } from '../../firm/connect.ts';
import { firmSync, type FirmSyncResult } from '../../firm/sync.ts';
import type { Runtime } from '../../runtime/runtime.ts';
import { json } from '../format.ts';
import { CliFailure, type CliIo } from '../io.ts';
import { withSession } from '../session.ts';

const contextOf = (runtime: Runtime, io: CliIo): FirmContext => ({
  db: runtime.db,
  dataDir: runtime.dataDir,
  env: io.env,
  advisorId: runtime.advisorId,
  now: runtime.now,
});

export async function connectHub(
  dataDir: string | undefined,
  io: CliIo,
  o: { hub: string; code?: string; email?: string; deviceName?: string },
): Promise<void> {
  if (!o.code)
    throw new CliFailure(
      'rowcol connect --hub needs --code CODE: the one-time sign-in code your firm admin gave you.',
      2,
    );
  await withSession(dataDir, io, async ({ runtime }) => {
    const done = await connectToHub(contextOf(runtime, io), {
      hubUrl: o.hub,
      code: o.code!,
      email: o.email,
      deviceName: o.deviceName ?? hostname(),
    });
    io.out(
      `Signed in to the firm hub ${done.hubUrl} as ${done.advisor.email} (${done.advisor.role}); ${done.clients} client(s).\nNext: rowcol sync\n`,
    );
  });
}

/** True when this data folder is linked to a firm hub (then `rowcol sync` pulls from it). */
export async function isFirmFolder(dataDir: string | undefined, io: CliIo): Promise<boolean> {
  return withSession(dataDir, io, async ({ runtime }) => firmLink(runtime.db) !== undefined);
}

/** Whether `rowcol sync` has this desktop's own QuickBooks clients to sync too (not the firm's). */
export async function ownClientsToSync(
  dataDir: string | undefined,
  io: CliIo,
  client: string | undefined,
): Promise<boolean> {
  return withSession(dataDir, io, async ({ runtime }) => {
    const firm = new Set(firmClients(runtime.db).map((f) => f.businessId));
    if (client) return !firm.has(client);
    return listClients(runtime.db, runtime.advisorId).some(
      (c) => c.connectionState === 'connected' && !firm.has(c.businessId),
    );
  });
}

function summary(r: FirmSyncResult, waiting: number): string {
  const lines = [
    `Firm hub ${r.hubUrl}: pushed ${r.pushed} op(s) in ${r.pushRequests} request(s); pulled ${r.records} record(s) and ${r.work} piece(s) of work in ${r.pullRequests} request(s), up to change ${r.pulledSeq}; ${r.clients.length} client(s) changed.`,
  ];
  if (r.won)
    lines.push(
      `${r.won} of your edits replaced a concurrent one from elsewhere (both are in the hub's audit trail).`,
    );
  for (const x of r.replaced)
    lines.push(
      `Your ${x.kind} ${x.itemKey} was replaced by ${x.by}'s later one (both are in the hub's audit trail).`,
    );
  for (const x of r.refused) lines.push(`The hub refused your ${x.kind} ${x.opId}: ${x.detail}`);
  if (waiting) lines.push(`${waiting} op(s) still waiting to be pushed.`);
  return `${lines.join('\n')}\n`;
}

export async function firmSyncCommand(
  dataDir: string | undefined,
  io: CliIo,
  o: { json?: boolean },
): Promise<FirmSyncResult> {
  return withSession(dataDir, io, async ({ runtime }) => {
    const r = await firmSync({
      ...contextOf(runtime, io),
      thresholds: runtime.settings.trayThresholds(),
    });
    const waiting = unpushedCount(runtime.db);
    if (o.json) io.out(json({ firm: { ...r, waiting, clients: firmClients(runtime.db).length } }));
    else io.out(summary(r, waiting));
    return r;
  });
}
