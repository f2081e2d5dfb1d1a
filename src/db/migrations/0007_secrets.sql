-- Vendor secrets: write-only credentials (OpenAI keys, AWS keys...) stored as envelopes whose AAD
-- binds org and kind, and the access log of every read of a plaintext.

-- One secret per kind per org. `value` is an envelope sealed with context
-- `org:<org_id>/org_secrets.value/<kind>`; only `last4` is ever shown.
CREATE TABLE org_secrets (
  org_id uuid NOT NULL REFERENCES orgs (id),
  id uuid NOT NULL,
  kind text NOT NULL CHECK (kind ~ '^[a-z0-9][a-z0-9_.-]{0,62}$'),
  value bytea NOT NULL,
  key_version integer NOT NULL,
  last4 text CHECK (char_length(last4) <= 4),
  verify_url text CHECK (char_length(verify_url) <= 2048),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  last_used_at timestamptz,
  last_verified_at timestamptz,
  verify_status text NOT NULL DEFAULT 'unverified'
    CHECK (verify_status IN ('valid', 'invalid', 'error', 'unverified')),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, kind)
);
CREATE INDEX org_secrets_by_key_version ON org_secrets (org_id, key_version);
ALTER TABLE org_secrets ENABLE ROW LEVEL SECURITY;
ALTER TABLE org_secrets FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON org_secrets TO coffer_app
  USING (org_id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid))
  WITH CHECK (org_id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid));
GRANT SELECT, INSERT, UPDATE, DELETE ON org_secrets TO coffer_app;

-- Who read which secret's plaintext, for what, when. Written in the same transaction as the read:
-- no row, no plaintext. Kept when the secret is deleted (no foreign key to org_secrets), and
-- append-only for the app role.
CREATE TABLE secret_access_log (
  org_id uuid NOT NULL REFERENCES orgs (id),
  id uuid NOT NULL,
  secret_id uuid NOT NULL,
  kind text NOT NULL,
  actor text NOT NULL,
  purpose text NOT NULL CHECK (char_length(purpose) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX secret_access_log_by_kind ON secret_access_log (org_id, kind, created_at);
ALTER TABLE secret_access_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE secret_access_log FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON secret_access_log TO coffer_app
  USING (org_id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid))
  WITH CHECK (org_id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid));
GRANT SELECT, INSERT ON secret_access_log TO coffer_app;
