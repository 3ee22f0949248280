// Migration 18: a desktop in firm mode (issue 15 §5). The data folder is linked to one firm hub
// (`firm_link`: its address, the advisor signed in, this device's token sealed under the token key, and the
// change sequence pulled so far); the hub's clients are local clients (`firm_clients`: which hub company each
// is); `firm_items` remembers the hub's version (change_seq) of every work item this desktop holds, so a
// push says which version it was made on (the hub's conflict rule needs it); `firm_ops` is the queue of
// the advisor's work made here, with ids made here (uuid), pushed when the hub can be reached.
//
// The queue is filled by triggers, not by the services: every write of a decision, a tray decision, a call,
// a note, a scenario or a fix to a firm client is queued in the same transaction that records it, whoever
// wrote it (the window, the CLI, a bulk action), so none can be forgotten. Work pulled from the hub is
// written with `firm_applying` holding its one row (inside that transaction only, so no other connection
// ever sees it), which keeps it from being queued back to the hub. One firm sync at a time per data folder
// (`sync_owner` until `sync_until`: two processes applying batches at once could put an older version of a
// record over a newer one).

/** A random (version 4) uuid made by SQLite, for an op id made on this desktop. */
const uuid = `(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))`;

const firmOnly = (row: 'NEW' | 'OLD') =>
  `EXISTS (SELECT 1 FROM firm_clients WHERE business_id = ${row}.business_id) AND NOT EXISTS (SELECT 1 FROM firm_applying)`;

const baseSeq = (row: 'NEW' | 'OLD', kind: string, key: string) =>
  `(SELECT seq FROM firm_items WHERE business_id = ${row}.business_id AND kind = '${kind}' AND item_key = ${key})`;

const queue = (
  row: 'NEW' | 'OLD',
  kind: string,
  key: string,
  body: string,
  at: string,
) => `INSERT INTO firm_ops (op_id, business_id, kind, item_key, body, base_seq, created_at)
    VALUES (${uuid}, ${row}.business_id, '${kind}', ${key}, ${body}, ${baseSeq(row, kind, key)}, ${at});`;

const decisionKey = `'bill:' || NEW.bill_qbo_id`;
const trayKey = (row: 'NEW' | 'OLD') => `${row}.code || ':' || ${row}.record_key`;
const scenarioKey = (row: 'NEW' | 'OLD') => `lower(${row}.name)`;
const wallClock = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

export const migration018 = `
CREATE TABLE firm_link (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  hub_url TEXT NOT NULL,
  advisor_email TEXT NOT NULL,
  advisor_role TEXT NOT NULL,
  device_id TEXT NOT NULL,
  token_sealed TEXT NOT NULL,
  pulled_seq INTEGER NOT NULL DEFAULT 0,
  linked_at TEXT NOT NULL,
  last_pull_at TEXT,
  last_push_at TEXT,
  sync_owner TEXT,
  sync_until TEXT
);

CREATE TABLE firm_clients (
  business_id TEXT PRIMARY KEY REFERENCES clients(business_id) ON DELETE CASCADE,
  company_id TEXT NOT NULL UNIQUE,
  caught_up INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE firm_items (
  business_id TEXT NOT NULL REFERENCES clients(business_id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  item_key TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (business_id, kind, item_key)
) WITHOUT ROWID;

CREATE TABLE firm_ops (
  id INTEGER PRIMARY KEY,
  op_id TEXT NOT NULL UNIQUE,
  business_id TEXT NOT NULL REFERENCES clients(business_id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('decision', 'tray', 'call', 'note', 'scenario', 'fix')),
  item_key TEXT NOT NULL,
  body TEXT NOT NULL,
  base_seq INTEGER,
  created_at TEXT NOT NULL,
  pushed_at TEXT,
  outcome TEXT CHECK (outcome IN ('applied', 'replaced', 'refused')),
  outcome_detail TEXT
);
CREATE INDEX firm_ops_unpushed ON firm_ops (id) WHERE pushed_at IS NULL;

CREATE TABLE firm_applying (id INTEGER PRIMARY KEY CHECK (id = 1));

CREATE TRIGGER firm_queue_decision AFTER INSERT ON decisions WHEN ${firmOnly('NEW')}
BEGIN
  ${queue('NEW', 'decision', decisionKey, `json_object('billQboId', NEW.bill_qbo_id, 'action', NEW.action, 'plannedDate', NEW.planned_date, 'note', NEW.note, 'decidedBy', NEW.decided_by, 'decidedAt', NEW.decided_at)`, 'NEW.decided_at')}
END;

CREATE TRIGGER firm_queue_tray AFTER UPDATE OF decided_at ON hygiene_items
WHEN NEW.decided_at IS NOT OLD.decided_at AND NEW.decided_at IS NOT NULL AND ${firmOnly('NEW')}
BEGIN
  ${queue('NEW', 'tray', trayKey('NEW'), `json_object('code', NEW.code, 'recordKey', NEW.record_key, 'status', NEW.status, 'note', NEW.note, 'decidedBy', NEW.decided_by, 'decidedAt', NEW.decided_at)`, 'NEW.decided_at')}
END;

CREATE TRIGGER firm_queue_call AFTER INSERT ON collection_calls WHEN ${firmOnly('NEW')}
BEGIN
  ${queue('NEW', 'call', `NEW.invoice_qbo_id || ':' || NEW.called_at || ':' || NEW.called_by`, `json_object('invoiceQboId', NEW.invoice_qbo_id, 'outcome', NEW.outcome, 'promisedDate', NEW.promised_date, 'followUpOn', NEW.follow_up_on, 'note', NEW.note, 'calledBy', NEW.called_by, 'calledAt', NEW.called_at)`, 'NEW.called_at')}
END;

CREATE TRIGGER firm_queue_note AFTER INSERT ON tray_notes WHEN ${firmOnly('NEW')}
BEGIN
  ${queue('NEW', 'note', `(SELECT code || ':' || record_key FROM hygiene_items WHERE id = NEW.item_id) || ':' || NEW.written_at || ':' || NEW.written_by`, `(SELECT json_object('code', code, 'recordKey', record_key, 'text', NEW.text, 'writtenBy', NEW.written_by, 'writtenAt', NEW.written_at) FROM hygiene_items WHERE id = NEW.item_id)`, 'NEW.written_at')}
END;

CREATE TRIGGER firm_queue_scenario_saved AFTER INSERT ON scenarios WHEN ${firmOnly('NEW')}
BEGIN
  ${queue('NEW', 'scenario', scenarioKey('NEW'), `json_object('name', NEW.name, 'changes', json(NEW.changes_json), 'deleted', json('false'))`, 'NEW.saved_at')}
END;

CREATE TRIGGER firm_queue_scenario_changed AFTER UPDATE ON scenarios WHEN ${firmOnly('NEW')}
BEGIN
  ${queue('NEW', 'scenario', scenarioKey('NEW'), `json_object('name', NEW.name, 'changes', json(NEW.changes_json), 'deleted', json('false'))`, 'NEW.saved_at')}
END;

CREATE TRIGGER firm_queue_scenario_deleted AFTER DELETE ON scenarios WHEN ${firmOnly('OLD')}
BEGIN
  ${queue('OLD', 'scenario', scenarioKey('OLD'), `json_object('name', OLD.name, 'deleted', json('true'))`, wallClock)}
END;

CREATE TRIGGER firm_queue_fix AFTER INSERT ON outbox WHEN ${firmOnly('NEW')}
BEGIN
  ${queue('NEW', 'fix', `NEW.request_id`, `json_object('entity', NEW.entity, 'qboId', NEW.qbo_id, 'operation', NEW.operation, 'summary', NEW.summary, 'changes', json(NEW.changes), 'before', json(NEW.before), 'baseVersion', NEW.base_version, 'requestId', NEW.request_id)`, 'NEW.created_at')}
END;
`;
