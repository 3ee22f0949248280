// Sends the hub's outbox to QBO, exactly once per fix, across a fleet (db/repositories/outbox.ts):
// leased and marked 'sending' before the request leaves; every attempt carries the fix's id as QBO's
// `requestid`, so a resend after a crash between send and record (or a lost answer) gets QBO's first
// answer back instead of a second change (docs/qbo-api.md §2). What QBO answers is the record as it now
// stands: the mirror takes it (a fresh change_seq) in the same transaction that settles the fix.
// A stale SyncToken (5010) never overwrites: the record is read again; if it already holds the fix's
// values (the first send did land), the fix is applied; if QBO changed the same fields it is a conflict
// (both kept); if only others, it goes once more on the new version. Like src/main/sync/send-fixes.ts,
// over PostgreSQL.
import { sameFieldsChanged } from '../../../core/fixes.ts';
import { isRejected, toMirrorRow } from '../../../core/mirror/columns.ts';
import { isMirroredEntity } from '../../../core/mirror/entities.ts';
import type { Connection, QboClient } from '../../qbo/client.ts';
import { QboError, StaleObjectError, ValidationError, NotFoundError } from '../../qbo/errors.ts';
import type { HubDb, HubSql } from '../db/hub-db.ts';
import { getCompany } from '../db/repositories/companies.ts';
import { readMirrorRecord, writeMirrorPage } from '../db/repositories/mirror.ts';
import {
  fixesInFlight,
  fixVersion,
  leaseNextFix,
  releaseFix,
  renewFixLease,
  settleFix,
  type OutboxRow,
} from '../db/repositories/outbox.ts';
import type { HubConnections } from '../jobs/connections.ts';

type Json = Record<string, unknown>;

export type OutboxEvent = {
  id: string;
  companyId: string;
  entity: string;
  qboId: string;
  state: 'applied' | 'conflict' | 'failed' | 'retry later';
  reason?: string;
};

export type SendOptions = {
  db: HubDb;
  connections: HubConnections;
  owner: string;
  leaseSeconds: number;
  pollMs?: number;
  onSent?: (e: OutboxEvent) => void;
  /** The process is stopping: no further fix is taken (one being sent is finished). */
  stop?: AbortSignal;
};

const asJson = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});

/** Sends every fix there is to send now; returns what became of each. */
export async function sendOutbox(o: SendOptions): Promise<OutboxEvent[]> {
  const events: OutboxEvent[] = [];
  const later = new Set<string>();
  for (;;) {
    if (o.stop?.aborted) return events;
    const fix = await leaseNextFix(o.db, o.owner, o.leaseSeconds);
    if (!fix) {
      // Another worker is sending some: it may die, and its fixes then come back to this pass.
      if ((await fixesInFlight(o.db)) === 0) return events;
      await new Promise((r) => setTimeout(r, o.pollMs ?? 200));
      continue;
    }
    if (later.has(fix.id)) {
      // Handed back in this pass already (QBO unreachable): leave it for the next pass.
      await releaseFix(o.db, fix.id, o.owner, 'left for the next pass');
      return events;
    }
    // The lease is renewed while the fix is out (QBO may take its time, retries more).
    const heartbeat = setInterval(
      () => void renewFixLease(o.db, fix.id, o.owner, o.leaseSeconds).catch(() => {}),
      Math.max(50, (o.leaseSeconds * 1000) / 3),
    );
    let e: OutboxEvent;
    try {
      e = await sendOne(o, fix);
    } finally {
      clearInterval(heartbeat);
    }
    if (e.state === 'retry later') later.add(fix.id);
    events.push(e);
    o.onSent?.(e);
  }
}

async function sendOne(o: SendOptions, fix: OutboxRow): Promise<OutboxEvent> {
  const base = { id: fix.id, companyId: fix.companyId, entity: fix.entity, qboId: fix.qboId };
  const company = await getCompany(o.db, fix.companyId);
  if (!company) {
    await settleFix(o.db, fix.id, o.owner, 'failed', { reason: 'company removed' });
    return { ...base, state: 'failed', reason: 'company removed' };
  }
  const qbo = o.connections.qbo(company.apiBaseUrl);
  const conn = o.connections.connection(company.id, company.realmId);
  let version = typeof fix.result?.version === 'string' ? fix.result.version : undefined;
  if (version === undefined) {
    version =
      fix.body.syncToken ??
      (await readMirrorRecord(o.db, fix.companyId, fix.entity, fix.qboId))?.syncToken ??
      '';
    await fixVersion(o.db, fix.id, version);
  }
  const changes = asJson(fix.body.changes);
  for (let round = 0; round < 3; round++) {
    try {
      const answer = asJson(
        await request(
          qbo,
          conn,
          fix,
          version,
          round === 0 ? fix.id : `${fix.id.slice(0, 36 - 2)}-${round}`,
        ),
      );
      return settle(o, fix, 'applied', { version: answer.SyncToken ?? null }, answer, base);
    } catch (error) {
      if (error instanceof StaleObjectError && fix.kind === 'update') {
        const current = asJson(await qbo.read(conn, fix.entity, fix.qboId));
        // The first send landed (its answer was lost, and QBO no longer replays it): applied.
        if (!sameFieldsChanged(changes, current).conflict)
          return settle(o, fix, 'applied', { version: current.SyncToken ?? null }, current, base);
        const { conflict, theirs } = sameFieldsChanged(asJson(fix.body.before), current);
        if (conflict || !fix.body.before)
          return settle(
            o,
            fix,
            'conflict',
            {
              reason: 'QuickBooks changed the same fields since',
              theirs,
              theirsVersion: current.SyncToken ?? null,
            },
            current,
            { ...base, reason: 'QuickBooks changed the same fields since' },
          );
        version = String(current.SyncToken ?? '');
        continue;
      }
      if (
        error instanceof ValidationError ||
        error instanceof NotFoundError ||
        (error instanceof QboError && error.status === 400)
      ) {
        return settle(o, fix, 'failed', { reason: error.message }, null, {
          ...base,
          reason: error.message,
        });
      }
      const reason = (error as Error)?.message ?? String(error);
      await releaseFix(o.db, fix.id, o.owner, reason);
      return { ...base, state: 'retry later', reason };
    }
  }
  await releaseFix(o.db, fix.id, o.owner, 'the record kept changing in QuickBooks');
  return { ...base, state: 'retry later', reason: 'the record kept changing in QuickBooks' };
}

async function request(
  qbo: QboClient,
  conn: Connection,
  fix: OutboxRow,
  version: string,
  requestId: string,
): Promise<unknown> {
  const changes = asJson(fix.body.changes);
  if (fix.kind === 'send')
    return qbo.sendInvoice(conn, fix.qboId, String(changes.sendTo), requestId);
  if (fix.kind === 'delete')
    return qbo.delete(conn, fix.entity, { Id: fix.qboId, SyncToken: version }, requestId);
  return qbo.sparseUpdate(
    conn,
    fix.entity,
    { ...changes, Id: fix.qboId, SyncToken: version },
    requestId,
  );
}

/** Settles the fix and writes QBO's record into the mirror, in one transaction. */
async function settle(
  o: SendOptions,
  fix: OutboxRow,
  state: 'applied' | 'conflict' | 'failed',
  result: Json,
  record: Json | null,
  event: Omit<OutboxEvent, 'state'>,
): Promise<OutboxEvent> {
  const settled = await o.db.tx(async (q) => {
    if (!(await settleFix(q, fix.id, o.owner, state, result))) return false;
    if (record) await mirrorAnswer(q, fix, record);
    return true;
  });
  if (!settled)
    return { ...event, state: 'retry later', reason: 'another hub worker took it over' };
  return { ...event, state };
}

async function mirrorAnswer(q: HubSql, fix: OutboxRow, record: Json): Promise<void> {
  if (!isMirroredEntity(fix.entity)) return;
  const raw = fix.kind === 'delete' ? { ...record, Id: fix.qboId, status: 'Deleted' } : record;
  if (raw.Id === undefined) return;
  const row = toMirrorRow(fix.entity, raw);
  if (isRejected(row)) return;
  await writeMirrorPage(
    q,
    fix.companyId,
    fix.entity,
    [
      {
        qboId: row.qboId,
        syncToken: row.version || null,
        lastUpdated:
          row.lastUpdated && !Number.isNaN(Date.parse(row.lastUpdated)) ? row.lastUpdated : null,
        body: raw,
        problems: row.problems,
        deleted: row.deleted,
      },
    ],
    { touch: false },
  );
}
