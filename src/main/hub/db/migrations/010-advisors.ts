// Hub migration 10: the firm's people and who may see what (issue 15 §4).
//
// - advisors: one row per person, by email (kept lower case), with one role: `advisor` (works on the
//   clients assigned to them), `reviewer` (the same, and reads those clients' audit trail) or `admin`
//   (every client, the audit, and managing advisors, devices and assignments). auth/roles.ts is the rule.
// - sign_in_codes: one-time codes an admin hands to a person (`rowcol hub add-advisor`, `sign-in-code`),
//   kept only as a SHA-256 hash, valid for a day, used once.
// - devices: one row per signed-in desktop; its bearer token is kept only as a SHA-256 hash (the token
//   is 32 random bytes: a hash without salt is enough, nothing can be guessed), revocable one by one.
// - assignments: which hub companies (clients) each advisor works on.
export const hubMigration010 = `
CREATE TABLE advisors (
  id text PRIMARY KEY,
  email text NOT NULL UNIQUE CHECK (email = lower(email)),
  name text,
  role text NOT NULL CHECK (role IN ('advisor', 'reviewer', 'admin')),
  created_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz
);

CREATE TABLE sign_in_codes (
  code_hash text PRIMARY KEY,
  advisor_id text NOT NULL REFERENCES advisors(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

CREATE TABLE devices (
  id text PRIMARY KEY,
  advisor_id text NOT NULL REFERENCES advisors(id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX devices_of_advisor ON devices (advisor_id);

CREATE TABLE assignments (
  advisor_id text NOT NULL REFERENCES advisors(id) ON DELETE CASCADE,
  company_id text NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  assigned_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (advisor_id, company_id)
);
CREATE INDEX assignments_by_company ON assignments (company_id);
`;
