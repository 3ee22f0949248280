// Push: a desktop's work arrives as ops with ids made on the desktop. The rule for concurrent edits:
//
//   The last writer in the hub's receipt order wins. An op is applied whatever it was made on; when the
//   item changed on the hub since the version its desktop held (`baseSeq`), by another device, the edits
//   were concurrent: the version replaced is kept whole in the audit trail beside the winner
//   ('concurrent-edit', before and after), the winner's answer names it, and the loser's desktop learns at
//   its next pull (the item arrives with `replacedOpId` = its op, and is shown to its advisor).
//
// Receipt order is the order of commits: every push takes the change_seq lock first (change-seq.ts), so
// pushes are applied one after another across the whole fleet. An op already received (by id) is not
// applied again: its stored answer is returned. A fix goes into the hub's outbox (id = the op id), which
// sends it to QBO exactly once; the desktop never does.
import type { HubDb, HubSql } from '../db/hub-db.ts';
import type { DeviceSession } from '../db/repositories/advisors.ts';
import { addAudit } from '../db/repositories/audit.ts';
import { lockChangeSeq } from '../db/repositories/change-seq.ts';
import { addToOutbox, type OutboxKind } from '../db/repositories/outbox.ts';
import {
  opReceipt,
  putWorkItem,
  saveOpReceipt,
  workItemForUpdate,
  type WorkKind,
} from '../db/repositories/work-items.ts';
import { Refused } from '../auth/refused.ts';
import { may } from '../auth/roles.ts';
import { visibleCompanyIds } from './visibility.ts';
import { workBodies, type OpResult, type PushedOp } from './ops.ts';

export type PushAnswer = { results: OpResult[] };

async function applyOne(q: HubSql, s: DeviceSession, op: PushedOp): Promise<OpResult> {
  const checked = workBodies[op.kind].safeParse(op.body);
  if (!checked.success)
    return {
      opId: op.opId,
      outcome: 'refused',
      detail: `the ${op.kind} is not well formed: ${checked.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`,
    };
  const body = { ...(checked.data as Record<string, unknown>), by: s.advisor.email };
  if (op.kind === 'fix') {
    const fix = checked.data as {
      entity: string;
      qboId: string;
      operation: OutboxKind;
      changes: unknown;
      before: unknown;
      baseVersion: string;
    };
    // The hub's outbox sends it (requestid = the op id, so exactly once), on the version the advisor saw.
    await addToOutbox(q, {
      id: op.opId,
      companyId: op.companyId,
      kind: fix.operation,
      entity: fix.entity,
      qboId: fix.qboId,
      body: {
        changes: (fix.changes ?? {}) as Record<string, unknown>,
        before: (fix.before ?? undefined) as Record<string, unknown> | undefined,
        syncToken: fix.baseVersion,
      },
      createdBy: s.advisor.email,
    });
    await addAudit(q, {
      advisorId: s.advisor.id,
      deviceId: s.deviceId,
      companyId: op.companyId,
      action: 'fix-queued',
      kind: 'fix',
      itemKey: op.itemKey,
      opId: op.opId,
      after: body,
    });
    return {
      opId: op.opId,
      outcome: 'queued',
      detail: 'in the hub outbox, to be sent to QuickBooks',
    };
  }
  const kind = op.kind as WorkKind;
  const current = await workItemForUpdate(q, op.companyId, kind, op.itemKey);
  const concurrent =
    current !== undefined && current.changeSeq !== op.baseSeq && current.deviceId !== s.deviceId;
  const seq = await putWorkItem(q, {
    companyId: op.companyId,
    kind,
    itemKey: op.itemKey,
    body,
    opId: op.opId,
    advisorId: s.advisor.id,
    deviceId: s.deviceId,
    madeAt: op.madeAt ?? null,
    replacedOpId: concurrent ? current.opId : null,
  });
  await addAudit(q, {
    advisorId: s.advisor.id,
    deviceId: s.deviceId,
    companyId: op.companyId,
    action: concurrent ? 'concurrent-edit' : 'work',
    kind,
    itemKey: op.itemKey,
    opId: op.opId,
    before: current
      ? { opId: current.opId, by: current.by, seq: current.changeSeq, body: current.body }
      : null,
    after: { opId: op.opId, by: s.advisor.email, seq, body },
    detail: concurrent
      ? `replaced ${current.by}'s version (seq ${current.changeSeq}), made on seq ${op.baseSeq ?? 'none'}`
      : null,
  });
  return {
    opId: op.opId,
    outcome: 'applied',
    seq,
    replaced: concurrent ? { opId: current.opId, by: current.by, body: current.body } : null,
  };
}

/** Applies a batch of ops in one transaction, in the order given; refused whole for a client not the caller's. */
export async function pushOps(
  db: HubDb,
  s: DeviceSession,
  ops: readonly PushedOp[],
): Promise<PushAnswer> {
  const visible = new Set(await visibleCompanyIds(db, s));
  const foreign = [...new Set(ops.map((o) => o.companyId).filter((c) => !visible.has(c)))];
  if (foreign.length)
    throw new Refused(
      403,
      `${s.advisor.email} is not assigned to client${foreign.length === 1 ? '' : 's'} ${foreign.join(', ')}; nothing was pushed.`,
    );
  if (ops.some((o) => o.kind === 'fix') && !may(s.advisor.role, 'fix'))
    throw new Refused(403, 'Your role may not send fixes to QuickBooks.');
  return db.tx(async (q) => {
    await lockChangeSeq(q);
    const results: OpResult[] = [];
    for (const op of ops) {
      const seen = await opReceipt(q, op.opId);
      if (seen !== undefined) {
        results.push(seen as OpResult);
        continue;
      }
      const result = await applyOne(q, s, op);
      await saveOpReceipt(q, {
        opId: op.opId,
        companyId: op.companyId,
        advisorId: s.advisor.id,
        deviceId: s.deviceId,
        kind: op.kind,
        itemKey: op.itemKey,
        result,
      });
      results.push(result);
    }
    return { results };
  });
}
