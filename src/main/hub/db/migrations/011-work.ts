// Hub migration 11: the advisors' work, shared by every desktop of the firm (issue 15 §5), and the audit.
//
// - work_items: the current version of each piece of work on a client: a bill's decision, a tray item's
//   choice (approve / exclude / reopen), a call, a note, a scenario. Keyed by what it is about
//   (kind, item_key: e.g. decision `bill:123`, tray `DUPLICATE_BILL:Bill:123`); calls and notes are
//   append-only, so each has its own key. Every write takes a fresh change_seq from the mirror's sequence,
//   under the same lock (repositories/change-seq.ts), so one pull cursor covers mirror and work.
//   `replaced_op_id`: when this version replaced a concurrent one (made on a version this desktop had not
//   seen), the op it replaced; its desktop learns so at its next pull.
// - work_ops: every op a desktop pushed, by the id the desktop made, with the answer given: a repeated
//   push gets the same answer and changes nothing.
// - audit_trail: who changed what and when: each op applied (the version before and after), each
//   concurrent edit (both versions), each fix queued for QBO, each sign-in, advisor, device and
//   assignment change. Never updated, never deleted.
// - outbox_changes: the outbox (migration 1) read by change_seq, as desktops pull their fixes' outcomes.
export const hubMigration011 = `
CREATE TABLE work_items (
  company_id text NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('decision', 'tray', 'call', 'note', 'scenario')),
  item_key text NOT NULL,
  body jsonb NOT NULL,
  op_id uuid NOT NULL,
  advisor_id text NOT NULL REFERENCES advisors(id),
  device_id text NOT NULL,
  made_at timestamptz,
  received_at timestamptz NOT NULL DEFAULT now(),
  replaced_op_id uuid,
  change_seq bigint NOT NULL,
  PRIMARY KEY (company_id, kind, item_key)
);
CREATE INDEX work_items_changes ON work_items (company_id, change_seq);

CREATE TABLE work_ops (
  op_id uuid PRIMARY KEY,
  company_id text NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  advisor_id text NOT NULL REFERENCES advisors(id),
  device_id text NOT NULL,
  kind text NOT NULL,
  item_key text NOT NULL,
  result jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE audit_trail (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  advisor_id text REFERENCES advisors(id),
  device_id text,
  company_id text,
  action text NOT NULL,
  kind text,
  item_key text,
  op_id uuid,
  before jsonb,
  after jsonb,
  detail text
);
CREATE INDEX audit_by_company ON audit_trail (company_id, id);

-- A desktop pulls its fixes' outcomes by change_seq too (work/pull.ts).
CREATE INDEX outbox_changes ON outbox (company_id, change_seq);
`;
