// The hub's API as a desktop sees it (the server is src/main/hub/api; the two share only this format).
export type HubAdvisor = {
  email: string;
  name: string | null;
  role: 'advisor' | 'reviewer' | 'admin';
};
/** `syncedAt`: when the hub last synced each entity (ISO): the desktop's freshness is the hub's. */
export type HubCompany = {
  id: string;
  realmId: string;
  name: string | null;
  syncedAt?: Record<string, string>;
};

export type SignInAnswer = { token: string; deviceId: string; advisor: HubAdvisor };
export type MeAnswer = { advisor: HubAdvisor; deviceId: string; companies: HubCompany[] };

export type PulledRecord = {
  type: 'record';
  companyId: string;
  entity: string;
  qboId: string;
  body: unknown;
  deleted: boolean;
  seq: number;
};
export type PulledWork = {
  type: 'work';
  companyId: string;
  kind: 'decision' | 'tray' | 'call' | 'note' | 'scenario';
  itemKey: string;
  body: Record<string, unknown>;
  by: string;
  opId: string;
  replacedOpId: string | null;
  madeAt: string | null;
  seq: number;
};
/** A fix in the hub's outbox whose state changed; `opId` is the op that queued it (its desktop's). */
export type PulledFix = {
  type: 'fix';
  companyId: string;
  opId: string;
  state: 'pending' | 'sending' | 'applied' | 'conflict' | 'failed';
  result: Record<string, unknown> | null;
  by: string | null;
  seq: number;
};
export type PulledChange = PulledRecord | PulledWork | PulledFix;
export type PullAnswer = { changes: PulledChange[]; next: number; more: boolean };

export type OutgoingOp = {
  opId: string;
  companyId: string;
  kind: 'decision' | 'tray' | 'call' | 'note' | 'scenario' | 'fix';
  itemKey: string;
  baseSeq: number | null;
  madeAt: string | null;
  body: Record<string, unknown>;
};

export type OpResult =
  | {
      opId: string;
      outcome: 'applied';
      seq: number;
      replaced: { opId: string; by: string; body: Record<string, unknown> } | null;
    }
  | { opId: string; outcome: 'queued'; detail: string }
  | { opId: string; outcome: 'refused'; detail: string };
export type PushAnswer = { results: OpResult[] };
