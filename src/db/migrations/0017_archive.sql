-- Archive (issue #17 part 3): aged records leave the database for a bucket the org owns. Three
-- tenant tables: the org's archive settings (one row per org), the runs of the archive job, and
-- the stubs that replace archived records.

-- `access_key_id` and `secret_access_key` are envelopes sealed with context
-- `org:<org_id>/archive_settings.<column>/<id>`; only `access_key_last4` is ever answered.
-- `recipient_public_key` (sealed mode) is the customer's X25519 public key, base64: public.
CREATE TABLE archive_settings (
  org_id uuid NOT NULL REFERENCES orgs (id),
  id uuid NOT NULL,
  endpoint text NOT NULL CHECK (char_length(endpoint) <= 2048),
  bucket text NOT NULL CHECK (char_length(bucket) BETWEEN 3 AND 63),
  prefix text NOT NULL DEFAULT '' CHECK (char_length(prefix) <= 256),
  region text NOT NULL CHECK (char_length(region) BETWEEN 1 AND 64),
  path_style boolean NOT NULL DEFAULT true,
  access_key_id bytea NOT NULL,
  secret_access_key bytea NOT NULL,
  access_key_last4 text NOT NULL CHECK (char_length(access_key_last4) <= 4),
  key_version integer NOT NULL,
  mode text NOT NULL CHECK (mode IN ('plaintext', 'sealed')),
  recipient_public_key text CHECK (char_length(recipient_public_key) <= 64),
  namespaces text[] CHECK (cardinality(namespaces) BETWEEN 1 AND 100),
  types text[] CHECK (cardinality(types) BETWEEN 1 AND 100),
  older_than_days integer NOT NULL CHECK (older_than_days BETWEEN 1 AND 36500),
  enabled boolean NOT NULL DEFAULT true,
  next_run_at timestamptz,
  verified_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  CHECK ((mode = 'sealed') = (recipient_public_key IS NOT NULL))
);
CREATE UNIQUE INDEX archive_settings_one_per_org ON archive_settings (org_id);
CREATE INDEX archive_settings_by_key_version ON archive_settings (org_id, key_version);
ALTER TABLE archive_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE archive_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON archive_settings TO coffer_app
  USING (org_id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid))
  WITH CHECK (org_id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid));
GRANT SELECT, INSERT, UPDATE, DELETE ON archive_settings TO coffer_app;
-- The scheduled job's one cross-org question (due-work.ts): which orgs have a run due? Ids and
-- times only, never an endpoint, a bucket or an envelope.
CREATE INDEX archive_settings_due ON archive_settings (next_run_at, org_id) WHERE enabled;
CREATE POLICY admin_due_lookup ON archive_settings FOR SELECT TO coffer_admin USING (true);
GRANT SELECT (org_id, enabled, next_run_at) ON archive_settings TO coffer_admin;

-- One run of the archive job. At most one runs per org at a time (the partial unique index); a
-- run whose lease passed (its instance died) is marked `interrupted` by the next one, which
-- resumes where it stopped: every record is archived on its own, so nothing is half done.
-- `error_code` is a CofferError code, never a message.
CREATE TABLE archive_runs (
  org_id uuid NOT NULL REFERENCES orgs (id),
  id uuid NOT NULL,
  trigger text NOT NULL CHECK (trigger IN ('manual', 'scheduled')),
  actor text NOT NULL,
  status text NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'interrupted')),
  archived integer NOT NULL DEFAULT 0 CHECK (archived >= 0),
  skipped integer NOT NULL DEFAULT 0 CHECK (skipped >= 0),
  remaining boolean NOT NULL DEFAULT false,
  error_code text CHECK (char_length(error_code) <= 64),
  started_at timestamptz NOT NULL,
  lease_expires_at timestamptz NOT NULL,
  finished_at timestamptz,
  PRIMARY KEY (org_id, id)
);
CREATE UNIQUE INDEX archive_runs_one_running ON archive_runs (org_id) WHERE status = 'running';
ALTER TABLE archive_runs ENABLE ROW LEVEL SECURITY;
ALTER TABLE archive_runs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON archive_runs TO coffer_app
  USING (org_id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid))
  WITH CHECK (org_id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid));
GRANT SELECT, INSERT, UPDATE, DELETE ON archive_runs TO coffer_app;

-- What stays of an archived record: its plaintext columns (the same as `records`' own, so reads
-- judge visibility the same way), where its content went, and the SHA-256 (hex) of the object as
-- written and read back. No envelope: the content, metadata and entities left with the object.
-- A restore sets `restored_at` (the record is back in `records`) and keeps the row: the policy
-- does not archive a restored record again.
CREATE TABLE archived_records (
  org_id uuid NOT NULL REFERENCES orgs (id),
  id uuid NOT NULL,
  namespace_id uuid NOT NULL,
  namespace text NOT NULL,
  type text NOT NULL,
  visibility text NOT NULL CHECK (visibility IN ('private', 'shared', 'public')),
  owner_agent text,
  allowed_agents text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  archived_at timestamptz NOT NULL,
  run_id uuid NOT NULL,
  mode text NOT NULL CHECK (mode IN ('plaintext', 'sealed')),
  object_key text NOT NULL CHECK (char_length(object_key) <= 1024),
  object_sha256 text NOT NULL CHECK (object_sha256 ~ '^[0-9a-f]{64}$'),
  restored_at timestamptz,
  PRIMARY KEY (org_id, id)
);
ALTER TABLE archived_records ENABLE ROW LEVEL SECURITY;
ALTER TABLE archived_records FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON archived_records TO coffer_app
  USING (org_id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid))
  WITH CHECK (org_id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid));
GRANT SELECT, INSERT, UPDATE, DELETE ON archived_records TO coffer_app;
