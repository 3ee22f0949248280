// `rowcol sync` for a desktop in firm mode: push the work made here (oldest first, in batches), then pull
// everything of this advisor's clients that changed on the hub since the last pull, batch by batch, each
// batch applied with its cursor in one transaction (apply.ts), so a pull cut off anywhere resumes where
// it stopped. Then each client whose books or work changed gets its tray recomputed, as after a sync
// from QuickBooks (runtime's onClientSynced). Nothing here talks to QuickBooks: the hub's sync and outbox do.
import type { FirmSyncResult } from '../../core/firm.ts';
import { mirroredEntities } from '../../core/mirror/entities.ts';
import type { HygieneThresholds } from '../../core/hygiene/codes.ts';
import { CodedError } from '../../core/result.ts';
import {
  firmClients,
  firmLink,
  holdItemSeq,
  markCaughtUp,
  markOpPushed,
  setLastPush,
  setPulledSeq,
  unpushedOps,
} from '../db/repositories/firm.ts';
import { putSyncState } from '../db/repositories/sync-state.ts';
import { writeTransaction } from '../db/transaction.ts';
import { recomputeTray, refreshTrays } from '../services/tray/recompute.ts';
import { applyPulledBatch, type ApplyContext } from './apply.ts';
import { ensureFirmClients, linkedHub, type FirmContext } from './connect.ts';
import { claimFolderSync, type FirmSyncClaim } from './sync-claim.ts';
import type { HubClient } from './hub-client.ts';
import type { OutgoingOp, PullAnswer } from './wire.ts';

export type FirmSyncOptions = FirmContext & {
  /** Changes per pull request (the hub caps it at 5000). */
  pullLimit?: number;
  /** Ops per push request (the hub takes at most 500). */
  pushLimit?: number;
  thresholds?: HygieneThresholds;
};

export type { FirmSyncResult };

/** A sync under way: its options, the renewal of its claim on the folder (sync-claim.ts), the clients changed. */
type Run = FirmSyncOptions & { renew: () => void; changed: Set<string> };

async function pushAll(o: Run, client: HubClient, r: FirmSyncResult): Promise<void> {
  const companyOf = new Map(firmClients(o.db).map((f) => [f.businessId, f.companyId]));
  for (;;) {
    const ops = unpushedOps(o.db, o.pushLimit ?? 200);
    if (ops.length === 0) return;
    o.renew();
    const outgoing: OutgoingOp[] = ops.map((op) => ({
      opId: op.opId,
      companyId: companyOf.get(op.businessId)!,
      kind: op.kind,
      itemKey: op.itemKey,
      baseSeq: op.baseSeq,
      madeAt: op.createdAt,
      body: op.body,
    }));
    const answer = await client.push(outgoing);
    r.pushRequests++;
    const at = o.now().toISOString();
    writeTransaction(o.db, () => {
      const byId = new Map(ops.map((op) => [op.opId, op]));
      for (const res of answer.results) {
        const op = byId.get(res.opId);
        if (!op) continue;
        if (res.outcome === 'refused') {
          markOpPushed(o.db, res.opId, 'refused', res.detail, at);
          r.refused.push({ opId: res.opId, kind: op.kind, detail: res.detail });
          continue;
        }
        markOpPushed(o.db, res.opId, 'applied', res.outcome === 'queued' ? res.detail : null, at);
        if (res.outcome === 'applied') {
          holdItemSeq(o.db, op.businessId, op.kind, op.itemKey, res.seq);
          if (res.replaced) r.won++;
        }
        r.pushed++;
      }
      setLastPush(o.db, at);
    });
    if (answer.results.length < ops.length)
      throw new CodedError(
        'UNAVAILABLE',
        'The firm hub answered fewer ops than were pushed; try the sync again.',
      );
  }
}

async function pullAll(
  o: Run,
  client: HubClient,
  ctx: ApplyContext,
  r: FirmSyncResult,
  from: number,
  company?: string,
): Promise<void> {
  let since = from;
  let answer: PullAnswer;
  do {
    o.renew();
    answer = await client.pull(since, o.pullLimit ?? 1000, company);
    r.pullRequests++;
    const next = answer.next;
    const applied = applyPulledBatch(ctx, answer.changes, () => {
      if (!company) setPulledSeq(o.db, next, o.now().toISOString());
    });
    r.records += applied.records;
    r.work += applied.work;
    r.replaced.push(...applied.replaced);
    for (const id of applied.businessIds) o.changed.add(id);
    since = next;
  } while (answer.more);
  if (!company) r.pulledSeq = since;
}

/** Push, pull, recompute: one firm sync of this data folder. */
export async function firmSync(o: FirmSyncOptions): Promise<FirmSyncResult> {
  const { client, hubUrl } = linkedHub(o);
  const claim = claimFolderSync(o.db);
  try {
    // Read under the claim: a sync that just finished elsewhere moved the cursor.
    return await syncClaimed(o, client, hubUrl, claim);
  } finally {
    claim.release();
  }
}

async function syncClaimed(
  options: FirmSyncOptions,
  client: HubClient,
  hubUrl: string,
  claim: FirmSyncClaim,
): Promise<FirmSyncResult> {
  const o: Run = { ...options, renew: claim.renew, changed: new Set() };
  const link = firmLink(o.db)!;
  const from = link.pulledSeq;
  const r: FirmSyncResult = {
    hubUrl,
    pushed: 0,
    refused: [],
    won: 0,
    replaced: [],
    records: 0,
    work: 0,
    pullRequests: 0,
    pushRequests: 0,
    pulledSeq: link.pulledSeq,
    clients: [],
  };
  // Who this advisor is now and which clients they have, first: work for a client taken away waits.
  const me = await client.me();
  const businessOf = ensureFirmClients(o, me.companies);
  await pushAll(o, client, r);
  const scopeOf = (businessId: string) => ({ advisorId: o.advisorId, businessId });
  const ctx: ApplyContext = {
    db: o.db,
    advisorId: o.advisorId,
    businessOf,
    now: o.now(),
    recomputeTray: (businessId) =>
      void recomputeTray(o.db, scopeOf(businessId), o.now(), o.thresholds),
  };
  await pullAll(o, client, ctx, r, from);
  // A client assigned since the last pull has changes older than the cursor: it is caught up on its own.
  const visible = new Set(me.companies.map((c) => c.id));
  for (const f of firmClients(o.db)) {
    if (f.caughtUp || !visible.has(f.companyId)) continue;
    await pullAll(o, client, ctx, r, 0, f.companyId);
    markCaughtUp(o.db, f.businessId);
  }
  // The books are as fresh as the hub's sync of them (never fresher: a hub that could not reach
  // QuickBooks for days makes the tray say so here too).
  writeTransaction(o.db, () => {
    for (const co of me.companies) {
      const businessId = businessOf.get(co.id);
      if (!businessId) continue;
      for (const entity of mirroredEntities) {
        const at = co.syncedAt?.[entity];
        putSyncState(o.db, scopeOf(businessId), entity, {
          lastSuccessAt: at ? new Date(at).toISOString() : null,
          lastError: null,
          lastErrorCode: null,
        });
      }
    }
  });
  // Clients whose books or work changed are recomputed; the others only if their tray is out of date
  // (a new day, or the hub's sync times moved), as the runtime does after a sync run.
  r.clients = [...o.changed];
  for (const businessId of r.clients)
    recomputeTray(o.db, scopeOf(businessId), o.now(), o.thresholds);
  const others = [...businessOf.values()].filter((id) => !o.changed.has(id));
  if (others.length) refreshTrays(o.db, o.advisorId, o.now(), others, o.thresholds);
  return r;
}
