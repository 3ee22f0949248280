// A desktop in firm mode (migration 018): the link to the firm's hub, which local clients are the hub's,
// the hub's version of each work item held here, and the queue of work made here waiting to be pushed.
// The queue is filled by the migration's triggers; this file reads it and records what the hub answered.
import type { Db } from '../open.ts';
import type { Scope } from '../scope.ts';
import { stmt } from '../statements.ts';

export type FirmLink = {
  hubUrl: string;
  advisorEmail: string;
  advisorRole: string;
  deviceId: string;
  /** The device token, sealed under the data folder's token key (oauth/token-vault.ts aesGcmSealer). */
  tokenSealed: string;
  pulledSeq: number;
  linkedAt: string;
  lastPullAt: string | null;
  lastPushAt: string | null;
};

type LinkRow = {
  hub_url: string;
  advisor_email: string;
  advisor_role: string;
  device_id: string;
  token_sealed: string;
  pulled_seq: number;
  linked_at: string;
  last_pull_at: string | null;
  last_push_at: string | null;
};

export function firmLink(db: Db): FirmLink | undefined {
  const r = stmt(db, 'SELECT * FROM firm_link WHERE id = 1').get() as LinkRow | undefined;
  return (
    r && {
      hubUrl: r.hub_url,
      advisorEmail: r.advisor_email,
      advisorRole: r.advisor_role,
      deviceId: r.device_id,
      tokenSealed: r.token_sealed,
      pulledSeq: r.pulled_seq,
      linkedAt: r.linked_at,
      lastPullAt: r.last_pull_at,
      lastPushAt: r.last_push_at,
    }
  );
}

/** Links the data folder to a hub (a new sign-in replaces the old link; a new hub starts from seq 0). */
export function saveFirmLink(
  db: Db,
  l: Omit<FirmLink, 'pulledSeq' | 'lastPullAt' | 'lastPushAt'>,
): void {
  stmt(
    db,
    `INSERT INTO firm_link (id, hub_url, advisor_email, advisor_role, device_id, token_sealed, linked_at)
     VALUES (1, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET
       pulled_seq = CASE WHEN firm_link.hub_url = excluded.hub_url THEN firm_link.pulled_seq ELSE 0 END,
       hub_url = excluded.hub_url, advisor_email = excluded.advisor_email, advisor_role = excluded.advisor_role,
       device_id = excluded.device_id, token_sealed = excluded.token_sealed, linked_at = excluded.linked_at`,
  ).run(l.hubUrl, l.advisorEmail, l.advisorRole, l.deviceId, l.tokenSealed, l.linkedAt);
}

/** Moves the pull cursor forward (never back). */
export function setPulledSeq(db: Db, seq: number, at: string): void {
  stmt(
    db,
    'UPDATE firm_link SET pulled_seq = MAX(pulled_seq, ?), last_pull_at = ? WHERE id = 1',
  ).run(seq, at);
}

/** Takes (or renews) the folder's firm sync for `owner` until `until`; false while another holds it. */
export function claimFirmSync(
  db: Db,
  owner: string,
  until: string,
  now: string,
  takeOver = false,
): boolean {
  return (
    stmt(
      db,
      `UPDATE firm_link SET sync_owner = ?, sync_until = ?
        WHERE id = 1 AND (? OR sync_owner IS NULL OR sync_owner = ? OR sync_until < ?)`,
    ).run(owner, until, takeOver ? 1 : 0, owner, now).changes > 0
  );
}

export function firmSyncHolder(db: Db): { owner: string; until: string } | undefined {
  const r = stmt(db, 'SELECT sync_owner, sync_until FROM firm_link WHERE id = 1').get() as
    { sync_owner: string | null; sync_until: string | null } | undefined;
  return r?.sync_owner && r.sync_until ? { owner: r.sync_owner, until: r.sync_until } : undefined;
}

export function releaseFirmSync(db: Db, owner: string): void {
  stmt(
    db,
    'UPDATE firm_link SET sync_owner = NULL, sync_until = NULL WHERE id = 1 AND sync_owner = ?',
  ).run(owner);
}

export function setLastPush(db: Db, at: string): void {
  stmt(db, 'UPDATE firm_link SET last_push_at = ? WHERE id = 1').run(at);
}

export type FirmClient = { businessId: string; companyId: string; caughtUp: boolean };

export function firmClients(db: Db): FirmClient[] {
  return (
    stmt(
      db,
      'SELECT business_id, company_id, caught_up FROM firm_clients ORDER BY business_id',
    ).all() as {
      business_id: string;
      company_id: string;
      caught_up: number;
    }[]
  ).map((r) => ({
    businessId: r.business_id,
    companyId: r.company_id,
    caughtUp: r.caught_up === 1,
  }));
}

/** The hub company of a local client, or undefined when the client is this desktop's own (not the firm's). */
export function firmCompanyOf(db: Db, businessId: string): string | undefined {
  const r = stmt(db, 'SELECT company_id FROM firm_clients WHERE business_id = ?').get(
    businessId,
  ) as { company_id: string } | undefined;
  return r?.company_id;
}

/** `caughtUp`: the pull cursor still covers all of its changes (nothing pulled yet), so it needs no catching up of its own. */
export function addFirmClient(
  db: Db,
  businessId: string,
  companyId: string,
  caughtUp: boolean,
): void {
  stmt(
    db,
    'INSERT INTO firm_clients (business_id, company_id, caught_up) VALUES (?, ?, ?) ON CONFLICT (business_id) DO NOTHING',
  ).run(businessId, companyId, caughtUp ? 1 : 0);
}

export function markCaughtUp(db: Db, businessId: string, caughtUp = true): void {
  stmt(db, 'UPDATE firm_clients SET caught_up = ? WHERE business_id = ?').run(
    caughtUp ? 1 : 0,
    businessId,
  );
}

/** The hub's change_seq of the version of this item this desktop holds (undefined: none yet). */
export function heldItemSeq(
  db: Db,
  businessId: string,
  kind: string,
  itemKey: string,
): number | undefined {
  const r = stmt(
    db,
    'SELECT seq FROM firm_items WHERE business_id = ? AND kind = ? AND item_key = ?',
  ).get(businessId, kind, itemKey) as { seq: number } | undefined;
  return r?.seq;
}

export function holdItemSeq(
  db: Db,
  businessId: string,
  kind: string,
  itemKey: string,
  seq: number,
): void {
  stmt(
    db,
    `INSERT INTO firm_items (business_id, kind, item_key, seq) VALUES (?, ?, ?, ?)
     ON CONFLICT (business_id, kind, item_key) DO UPDATE SET seq = MAX(firm_items.seq, excluded.seq)`,
  ).run(businessId, kind, itemKey, seq);
}

export type QueuedOp = {
  opId: string;
  businessId: string;
  kind: 'decision' | 'tray' | 'call' | 'note' | 'scenario' | 'fix';
  itemKey: string;
  body: Record<string, unknown>;
  baseSeq: number | null;
  createdAt: string;
};

type OpRow = {
  op_id: string;
  business_id: string;
  kind: QueuedOp['kind'];
  item_key: string;
  body: string;
  base_seq: number | null;
  created_at: string;
};

/**
 * The work made here not yet accepted by the hub, oldest first; only for clients still connected (one the
 * firm took away from this advisor keeps its work here until it is assigned again).
 */
export function unpushedOps(db: Db, limit: number): QueuedOp[] {
  return (
    stmt(
      db,
      `SELECT o.op_id, o.business_id, o.kind, o.item_key, o.body, o.base_seq, o.created_at FROM firm_ops o
        JOIN clients c ON c.business_id = o.business_id
       WHERE o.pushed_at IS NULL AND c.connection_state = 'connected' ORDER BY o.id LIMIT ?`,
    ).all(limit) as OpRow[]
  ).map((r) => ({
    opId: r.op_id,
    businessId: r.business_id,
    kind: r.kind,
    itemKey: r.item_key,
    body: JSON.parse(r.body) as Record<string, unknown>,
    baseSeq: r.base_seq,
    createdAt: r.created_at,
  }));
}

export function unpushedCount(db: Db): number {
  return (
    stmt(db, 'SELECT count(*) AS n FROM firm_ops WHERE pushed_at IS NULL').get() as { n: number }
  ).n;
}

export function markOpPushed(
  db: Db,
  opId: string,
  outcome: 'applied' | 'replaced' | 'refused',
  detail: string | null,
  at: string,
): void {
  stmt(
    db,
    'UPDATE firm_ops SET pushed_at = COALESCE(pushed_at, ?), outcome = ?, outcome_detail = ? WHERE op_id = ?',
  ).run(at, outcome, detail, opId);
}

/** True when the op was made on this desktop. */
export function isOwnOp(db: Db, opId: string): boolean {
  return stmt(db, 'SELECT 1 FROM firm_ops WHERE op_id = ?').get(opId) !== undefined;
}

export type OpOutcome = {
  opId: string;
  businessId: string;
  kind: string;
  itemKey: string;
  outcome: string | null;
  detail: string | null;
};

/** Ops whose version the hub kept only in its audit trail (a later edit elsewhere won), or refused. */
export function lostOps(db: Db): OpOutcome[] {
  return (
    stmt(
      db,
      `SELECT op_id, business_id, kind, item_key, outcome, outcome_detail FROM firm_ops WHERE outcome IN ('replaced', 'refused') ORDER BY id`,
    ).all() as {
      op_id: string;
      business_id: string;
      kind: string;
      item_key: string;
      outcome: string | null;
      outcome_detail: string | null;
    }[]
  ).map((r) => ({
    opId: r.op_id,
    businessId: r.business_id,
    kind: r.kind,
    itemKey: r.item_key,
    outcome: r.outcome,
    detail: r.outcome_detail,
  }));
}

/**
 * Work pulled from the hub is being written: the queue's triggers stand aside. Only inside a write
 * transaction (firm/apply.ts), so the row is never seen by another connection and never outlives it.
 */
export function beginApplyingHubWork(db: Db): void {
  stmt(db, 'INSERT OR IGNORE INTO firm_applying (id) VALUES (1)').run();
}

export function endApplyingHubWork(db: Db): void {
  stmt(db, 'DELETE FROM firm_applying').run();
}

/** One tray item of a client by what it is about (its code and record), for work pulled from the hub. */
export function trayItemByKey(
  db: Db,
  s: Scope,
  code: string,
  recordKey: string,
): { id: number; status: string } | undefined {
  return stmt(
    db,
    'SELECT id, status FROM hygiene_items WHERE advisor_id = ? AND business_id = ? AND code = ? AND record_key = ?',
  ).get(s.advisorId, s.businessId, code, recordKey) as { id: number; status: string } | undefined;
}

/** The local outbox row a fix op of this desktop was queued from (its request_id is the op's item key). */
export function localFixOfOp(db: Db, opId: string): number | undefined {
  const r = stmt(
    db,
    `SELECT o.id FROM firm_ops f JOIN outbox o ON o.request_id = f.item_key AND o.business_id = f.business_id
      WHERE f.op_id = ? AND f.kind = 'fix'`,
  ).get(opId) as { id: number } | undefined;
  return r?.id;
}
