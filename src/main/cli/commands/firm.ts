// The desktop's firm mode in the CLI: `rowcol connect --hub URL --code CODE` (sign in) and the firm part of
// `rowcol sync` (push the work made here, pull the hub's changes), through the firm channels
// (handlers/firm.ts). Called from connect.ts and sync.ts.
import type { FirmSyncResult } from '../../../core/firm.ts';
import { json } from '../format.ts';
import { CliFailure, type CliIo } from '../io.ts';
import { withSession } from '../session.ts';

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
  await withSession(dataDir, io, async ({ call }) => {
    const done = await call('firm:connect', {
      hubUrl: o.hub,
      code: o.code!,
      ...(o.email ? { email: o.email } : {}),
      ...(o.deviceName ? { deviceName: o.deviceName } : {}),
    });
    io.out(
      `Signed in to the firm hub ${done.hubUrl} as ${done.advisor.email} (${done.advisor.role}); ${done.clients} client(s).\nNext: rowcol sync\n`,
    );
  });
}

/** True when this data folder is linked to a firm hub (then `rowcol sync` pulls from it). */
export async function isFirmFolder(dataDir: string | undefined, io: CliIo): Promise<boolean> {
  return withSession(dataDir, io, async ({ call }) => (await call('firm:status', {})).linked);
}

/** Whether `rowcol sync` has this desktop's own QuickBooks clients to sync too (not the firm's). */
export async function ownClientsToSync(
  dataDir: string | undefined,
  io: CliIo,
  client: string | undefined,
): Promise<boolean> {
  return withSession(dataDir, io, async ({ call }) => {
    const status = await call('firm:status', {});
    const firm = new Set(status.linked ? status.businessIds : []);
    if (client) return !firm.has(client);
    return (await call('clients:list', {})).some(
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
  return withSession(dataDir, io, async ({ call }) => {
    const r = await call('firm:sync', {});
    const status = await call('firm:status', {});
    const waiting = status.linked ? status.waiting : 0;
    const clients = status.linked ? status.businessIds.length : 0;
    if (o.json) io.out(json({ firm: { ...r, waiting, clients } }));
    else io.out(summary(r, waiting));
    return r;
  });
}
