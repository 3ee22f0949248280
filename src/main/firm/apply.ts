// Writes one batch pulled from the hub into the local SQLite mirror and work tables, in one transaction
// with the pull cursor, as sync/apply.ts does for a page from QBO: the mirror through the same mapping
// (core/mirror/columns.ts) and repository (upsertMirrorRows), the work through the repositories the
// services write with. A crash leaves the batch and its cursor together or neither, so the next pull
// resumes from the last batch applied. While it writes, the queue's triggers stand aside
// (firm_applying): work that came from the hub is not pushed back to it.
import { isRejected, toMirrorRow, type MirrorRow } from '../../core/mirror/columns.ts';
import { isMirroredEntity, type MirroredEntity } from '../../core/mirror/entities.ts';
import type { Db } from '../db/open.ts';
import { currentDecisions, recordDecision } from '../db/repositories/decisions.ts';
import { recordCall } from '../db/repositories/collection-calls.ts';
import {
  beginApplyingHubWork,
  endApplyingHubWork,
  heldItemSeq,
  holdItemSeq,
  isOwnOp,
  localFixOfOp,
  markOpPushed,
  trayItemByKey,
} from '../db/repositories/firm.ts';
import { decideHygieneItem } from '../db/repositories/hygiene-items.ts';
import { upsertMirrorRows } from '../db/repositories/mirror.ts';
import { updateFix } from '../db/repositories/outbox.ts';
import { deleteScenario, saveScenario } from '../db/repositories/scenarios.ts';
import { addTrayHistory, addTrayNote } from '../db/repositories/tray-notes.ts';
import type { Scope } from '../db/scope.ts';
import { writeTransaction } from '../db/transaction.ts';
import type { PulledChange, PulledFix, PulledRecord, PulledWork } from './wire.ts';

export type AppliedBatch = {
  records: number;
  rejected: number;
  work: number;
  /** Ops of this desktop whose version a later edit elsewhere replaced (kept in the hub's audit). */
  replaced: { opId: string; kind: string; itemKey: string; by: string }[];
  businessIds: Set<string>;
};

export type ApplyContext = {
  db: Db;
  advisorId: string;
  /** Hub company id → local business id. */
  businessOf: ReadonlyMap<string, string>;
  now: Date;
  /** Recomputes one client's tray (a tray choice pulled before its item was found here). */
  recomputeTray: (businessId: string) => void;
};

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function applyRecords(
  c: ApplyContext,
  records: readonly PulledRecord[],
  out: AppliedBatch,
  at: string,
): void {
  const groups = new Map<
    string,
    { scope: Scope; entity: MirroredEntity; rows: { row: MirrorRow; raw: string }[] }
  >();
  for (const r of records) {
    const businessId = c.businessOf.get(r.companyId);
    if (!businessId || !isMirroredEntity(r.entity)) {
      out.rejected++;
      continue;
    }
    const mapped = toMirrorRow(r.entity, r.body);
    if (isRejected(mapped)) {
      out.rejected++;
      continue;
    }
    const key = `${businessId}\0${r.entity}`;
    let g = groups.get(key);
    if (!g)
      groups.set(
        key,
        (g = { scope: { advisorId: c.advisorId, businessId }, entity: r.entity, rows: [] }),
      );
    g.rows.push({
      row: r.deleted ? { ...mapped, deleted: true } : mapped,
      raw: JSON.stringify(r.body),
    });
    out.businessIds.add(businessId);
  }
  for (const g of groups.values()) {
    upsertMirrorRows(c.db, g.scope, g.entity, g.rows, at);
    out.records += g.rows.length;
  }
}

const decisionOf = (status: string) =>
  status === 'approved' ? 'approve' : status === 'excluded' ? 'exclude' : 'reopen';

function applyWork(c: ApplyContext, w: PulledWork, s: Scope, out: AppliedBatch): void {
  const b = w.body;
  const at = w.madeAt ?? c.now.toISOString();
  switch (w.kind) {
    case 'decision': {
      const billQboId = str(b.billQboId)!;
      const current = currentDecisions(c.db, s).find((d) => d.billQboId === billQboId);
      const same =
        current &&
        current.action === b.action &&
        (current.plannedDate ?? null) === (str(b.plannedDate) ?? null) &&
        (current.note ?? null) === (str(b.note) ?? null);
      if (!same)
        recordDecision(c.db, s, {
          billQboId,
          action: b.action as 'pay_now' | 'delay' | 'hold',
          plannedDate: str(b.plannedDate),
          note: str(b.note),
          decidedBy: w.by,
          now: at,
        });
      return;
    }
    case 'tray': {
      const code = str(b.code)!;
      const recordKey = str(b.recordKey)!;
      let item = trayItemByKey(c.db, s, code, recordKey);
      if (!item) {
        // The mirror rows that raise it may have come in this very batch: the tray sees them first.
        c.recomputeTray(s.businessId);
        item = trayItemByKey(c.db, s, code, recordKey);
      }
      const status = str(b.status) as 'approved' | 'excluded' | 'open';
      // An item the data already resolved here takes no choice (as tray:decide refuses one).
      if (!item || item.status === status || item.status === 'resolved') return;
      decideHygieneItem(c.db, s, item.id, status, w.by, str(b.note), at);
      addTrayHistory(c.db, s, item.id, {
        at,
        by: w.by,
        kind: 'decided',
        decision: decisionOf(status),
        from: item.status as 'open',
        to: status,
        note: str(b.note),
      });
      out.businessIds.add(s.businessId);
      return;
    }
    case 'note': {
      const item = trayItemByKey(c.db, s, str(b.code)!, str(b.recordKey)!);
      if (!item) return;
      const text = str(b.text) ?? '';
      addTrayNote(c.db, s, item.id, text, w.by, at);
      addTrayHistory(c.db, s, item.id, {
        at,
        by: w.by,
        kind: 'note',
        decision: null,
        from: null,
        to: null,
        note: text,
      });
      return;
    }
    case 'call':
      recordCall(c.db, s, {
        invoiceQboId: str(b.invoiceQboId)!,
        outcome: str(b.outcome)!,
        promisedDate: str(b.promisedDate),
        followUpOn: str(b.followUpOn),
        note: str(b.note),
        calledBy: w.by,
        calledAt: at,
      });
      out.businessIds.add(s.businessId);
      return;
    case 'scenario':
      if (b.deleted === true) deleteScenario(c.db, s, str(b.name)!);
      else saveScenario(c.db, s, { name: str(b.name)!, changes: (b.changes ?? []) as never }, at);
      return;
  }
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * A fix this desktop queued, settled by the hub's outbox: the local row shows what QuickBooks answered
 * (applied; a conflict with QBO's values; failed with its reason). Others' fixes reach this desktop as the
 * records they changed, through the mirror.
 */
function applyFixOutcome(c: ApplyContext, f: PulledFix, out: AppliedBatch, at: string): void {
  if (f.state !== 'applied' && f.state !== 'conflict' && f.state !== 'failed') return;
  const id = localFixOfOp(c.db, f.opId);
  if (id === undefined) return;
  const r = f.result ?? {};
  updateFix(
    c.db,
    id,
    f.state === 'applied'
      ? { state: 'applied', appliedVersion: text(r.version), reason: null }
      : f.state === 'conflict'
        ? {
            state: 'conflict',
            reason: text(r.reason),
            theirs: (r.theirs ?? null) as Record<string, unknown> | null,
            theirsVersion: text(r.theirsVersion),
          }
        : { state: 'failed', reason: text(r.reason) },
    at,
  );
  const businessId = c.businessOf.get(f.companyId);
  if (businessId) out.businessIds.add(businessId);
}

/** Applies one pulled batch; `commitCursor` writes where the pull stands, inside the same transaction. */
export function applyPulledBatch(
  c: ApplyContext,
  changes: readonly PulledChange[],
  commitCursor: () => void,
): AppliedBatch {
  const out: AppliedBatch = {
    records: 0,
    rejected: 0,
    work: 0,
    replaced: [],
    businessIds: new Set(),
  };
  const at = c.now.toISOString();
  return writeTransaction(c.db, () => {
    beginApplyingHubWork(c.db);
    try {
      applyRecords(
        c,
        changes.filter((x): x is PulledRecord => x.type === 'record'),
        out,
        at,
      );
      for (const f of changes) if (f.type === 'fix') applyFixOutcome(c, f, out, at);
      for (const w of changes) {
        if (w.type !== 'work') continue;
        const businessId = c.businessOf.get(w.companyId);
        if (!businessId) continue;
        const s = { advisorId: c.advisorId, businessId };
        if (w.replacedOpId && isOwnOp(c.db, w.replacedOpId)) {
          markOpPushed(
            c.db,
            w.replacedOpId,
            'replaced',
            `replaced by ${w.by}'s later ${w.kind} (both versions are in the hub's audit trail)`,
            at,
          );
          out.replaced.push({ opId: w.replacedOpId, kind: w.kind, itemKey: w.itemKey, by: w.by });
        }
        const held = heldItemSeq(c.db, businessId, w.kind, w.itemKey);
        if ((held === undefined || held < w.seq) && !isOwnOp(c.db, w.opId)) {
          applyWork(c, w, s, out);
          out.work++;
        }
        holdItemSeq(c.db, businessId, w.kind, w.itemKey, w.seq);
      }
      commitCursor();
    } finally {
      endApplyingHubWork(c.db);
    }
    return out;
  });
}
