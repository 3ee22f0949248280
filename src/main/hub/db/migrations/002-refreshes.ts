// Hub migration 2: refreshes. A refresh is one round of every connected company; each worker that
// starts (or each interval of a running hub) joins the refresh that is due or starts one, and a company
// gets one sync job per refresh, whichever process takes it: two hub processes started together sync
// each company once, not twice.
// hub_key_check: a value sealed with the fleet's token key, so a hub process started with another key
// says so at once instead of failing company by company.
export const hubMigration002 = `
CREATE TABLE hub_refreshes (
  id bigserial PRIMARY KEY,
  started_at timestamptz NOT NULL DEFAULT now(),
  started_by text
);
ALTER TABLE sync_jobs ADD COLUMN refresh_id bigint REFERENCES hub_refreshes(id);
CREATE UNIQUE INDEX sync_jobs_once_per_refresh ON sync_jobs (company_id, refresh_id);
ALTER TABLE companies ADD COLUMN company_info_read_at timestamptz;
CREATE TABLE hub_key_check (
  id integer PRIMARY KEY CHECK (id = 1),
  sealed text NOT NULL
);
`;
