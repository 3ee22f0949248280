// Hub migration 1: the firm's QBO companies, the mirror every advisor reads, the sync's own state, the
// fleet's jobs and request budget, and the outbox of fixes to send to QBO.
//
// - companies: one row per QBO company (realm) the firm connected; its tokens sealed (AES-256-GCM, the
//   hub's key, hub/vault), never plain text.
// - change_seq: one sequence for everything a desktop pulls (mirror rows here, the firm's work items
//   later), so one cursor covers both. Writers take it under one advisory lock (repositories/change-seq.ts)
//   so that "every row at or below the highest seq a reader saw is already visible" holds.
// - mirror_records: the raw QBO record as QBO sent it (body); a desktop runs it through the same
//   validation as its own sync. `synced_at` says which load last saw the row (a reconciling load marks
//   deleted what it did not see). A row takes a fresh change_seq only when its content changed.
// - sync_cursors: per company and entity, where the full load stands (`full_position`, resumable page by
//   page) and the CDC cursor (QBO's own time minus 60 s).
// - sync_jobs: one open job per company at most (partial unique index), leased with SKIP LOCKED by any
//   hub process; a lease that expires (its worker died) is taken over and the job resumes from the
//   company's last committed page.
// - qbo_budget / qbo_slots: the realm's request budget across the fleet: a token bucket (requests per
//   minute) and leased concurrency slots (at most N requests in flight), each updated atomically.
// - outbox: fixes to send to QBO exactly once (pending → sending → applied | conflict | failed).
export const hubMigration001 = `
CREATE TABLE companies (
  id text PRIMARY KEY,
  realm_id text UNIQUE NOT NULL,
  name text,
  api_base_url text NOT NULL,
  tokens_sealed text,
  connection_state text NOT NULL DEFAULT 'connected'
    CHECK (connection_state IN ('connected', 'reconnect_needed', 'disconnected')),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE SEQUENCE change_seq AS bigint;

CREATE TABLE mirror_records (
  company_id text NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  entity text NOT NULL,
  qbo_id text NOT NULL,
  sync_token text,
  last_updated timestamptz,
  body jsonb NOT NULL,
  problems jsonb NOT NULL DEFAULT '[]',
  deleted boolean NOT NULL DEFAULT false,
  change_seq bigint NOT NULL,
  synced_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, entity, qbo_id)
);
CREATE INDEX mirror_records_changes ON mirror_records (company_id, change_seq);

CREATE TABLE mirror_rejections (
  id bigserial PRIMARY KEY,
  company_id text NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  entity text NOT NULL,
  qbo_id text,
  reason text NOT NULL,
  seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX mirror_rejections_one ON mirror_rejections (company_id, entity, qbo_id);

CREATE TABLE sync_cursors (
  company_id text NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  entity text NOT NULL,
  full_position integer,
  full_started_at timestamptz,
  reconcile boolean NOT NULL DEFAULT false,
  cursor text,
  last_success_at timestamptz,
  last_error text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, entity)
);

CREATE TABLE sync_jobs (
  id bigserial PRIMARY KEY,
  company_id text NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
  lease_owner text,
  lease_expires_at timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  pages integer NOT NULL DEFAULT 0,
  records integer NOT NULL DEFAULT 0,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);
CREATE UNIQUE INDEX sync_jobs_one_open ON sync_jobs (company_id) WHERE state IN ('queued', 'running');
CREATE INDEX sync_jobs_takeable ON sync_jobs (state, lease_expires_at) WHERE state IN ('queued', 'running');

CREATE TABLE qbo_budget (
  realm_id text PRIMARY KEY,
  tokens double precision NOT NULL,
  refilled_at timestamptz NOT NULL DEFAULT now(),
  requests bigint NOT NULL DEFAULT 0
);

CREATE TABLE qbo_slots (
  realm_id text NOT NULL,
  slot integer NOT NULL,
  holder text,
  expires_at timestamptz,
  PRIMARY KEY (realm_id, slot)
);

CREATE TABLE outbox (
  id uuid PRIMARY KEY,
  company_id text NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  kind text NOT NULL,
  entity text NOT NULL,
  qbo_id text NOT NULL,
  body jsonb NOT NULL,
  state text NOT NULL DEFAULT 'pending'
    CHECK (state IN ('pending', 'sending', 'applied', 'conflict', 'failed')),
  result jsonb,
  attempts integer NOT NULL DEFAULT 0,
  lease_owner text,
  lease_expires_at timestamptz,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  change_seq bigint
);
CREATE INDEX outbox_open ON outbox (company_id, created_at) WHERE state IN ('pending', 'sending');
`;
