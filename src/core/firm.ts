// A desktop in firm mode (issue 15 §5): what the firm channels answer (src/main/firm, handlers/firm.ts).

export type FirmRole = 'advisor' | 'reviewer' | 'admin';

/** Signed in to the firm's hub (`firm:connect`). */
export type FirmConnected = {
  hubUrl: string;
  advisor: { email: string; name: string | null; role: FirmRole };
  /** The hub's clients this advisor sees, now local clients of this data folder. */
  clients: number;
};

/** An edit made here that the hub kept only in its audit trail (a later edit elsewhere won), or refused. */
export type FirmLostEdit = {
  opId: string;
  businessId: string;
  kind: string;
  itemKey: string;
  outcome: 'replaced' | 'refused';
  detail: string | null;
};

/** This data folder's link to a hub (`firm:status`); `linked: false` for a desktop on its own. */
export type FirmStatus =
  | { linked: false }
  | {
      linked: true;
      hubUrl: string;
      advisorEmail: string;
      role: string;
      /** The change sequence pulled so far. */
      pulledSeq: number;
      lastPullAt: string | null;
      lastPushAt: string | null;
      /** Local business ids of the firm's clients. */
      businessIds: string[];
      /** Work made here not yet pushed. */
      waiting: number;
      lost: FirmLostEdit[];
    };

/** One firm sync (`firm:sync`): push the work made here, then pull the hub's changes. */
export type FirmSyncResult = {
  hubUrl: string;
  pushed: number;
  /** Ops the hub refused (not well formed), with its reason: kept here, never lost silently. */
  refused: { opId: string; kind: string; detail: string }[];
  /** Ops of this desktop that won over a concurrent edit elsewhere (the other version is in the audit). */
  won: number;
  /** Ops of this desktop whose version a later edit elsewhere replaced. */
  replaced: { opId: string; kind: string; itemKey: string; by: string }[];
  records: number;
  work: number;
  pullRequests: number;
  pushRequests: number;
  pulledSeq: number;
  /** Local business ids whose books or work changed. */
  clients: string[];
};

/** One line of a client's audit trail on the hub (`firm:audit`): who changed what, when. */
export type FirmAuditEntry = {
  id: number;
  at: string;
  by: string | null;
  action: string;
  kind: string | null;
  itemKey: string | null;
  before: unknown;
  after: unknown;
  detail: string | null;
};
