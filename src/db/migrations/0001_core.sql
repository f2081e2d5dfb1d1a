-- Coffer core schema: roles, orgs, users, memberships, API tokens, org keys, namespaces,
-- records, audit log. Every table with an org_id column is a tenant table: RLS enabled and
-- FORCEd, one policy for coffer_app on the transaction-local app.org_id setting, and org_id
-- leading its primary key, unique keys and foreign keys.

-- Roles are cluster-wide; another database on the same server may have made them already.
DO $$ BEGIN
  CREATE ROLE coffer_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
DO $$ BEGIN
  CREATE ROLE coffer_admin NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
-- The role Coffer connects with switches into these with SET LOCAL ROLE.
GRANT coffer_app TO CURRENT_USER;
GRANT coffer_admin TO CURRENT_USER;
GRANT USAGE ON SCHEMA public TO coffer_app, coffer_admin;

CREATE TABLE orgs (
  id uuid PRIMARY KEY,
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  name text NOT NULL,
  plan text NOT NULL DEFAULT 'free' CHECK (plan IN ('free', 'pro', 'enterprise')),
  suspended_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- orgs has no org_id column (its id is the org), but is isolated the same way for coffer_app.
ALTER TABLE orgs ENABLE ROW LEVEL SECURITY;
ALTER TABLE orgs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON orgs TO coffer_app
  USING (id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid));
CREATE POLICY admin_access ON orgs TO coffer_admin USING (true) WITH CHECK (true);
GRANT SELECT ON orgs TO coffer_app;
GRANT SELECT, INSERT, UPDATE ON orgs TO coffer_admin;

-- Users are global (one person may belong to several orgs); only the admin door reaches them.
CREATE TABLE users (
  id uuid PRIMARY KEY,
  email text NOT NULL UNIQUE,
  password_hash text,
  suspended_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT, UPDATE ON users TO coffer_admin;

CREATE TABLE memberships (
  org_id uuid NOT NULL REFERENCES orgs (id),
  user_id uuid NOT NULL REFERENCES users (id),
  role text NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, user_id)
);

CREATE TABLE api_tokens (
  org_id uuid NOT NULL REFERENCES orgs (id),
  id uuid NOT NULL,
  user_id uuid,
  name text NOT NULL,
  token_hash bytea NOT NULL,
  scopes text[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz,
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, token_hash),
  FOREIGN KEY (org_id, user_id) REFERENCES memberships (org_id, user_id)
);
-- Token lookup by hash happens before the org is known (admin door).
CREATE INDEX api_tokens_by_hash ON api_tokens (token_hash);

CREATE TABLE org_keys (
  org_id uuid NOT NULL REFERENCES orgs (id),
  version integer NOT NULL CHECK (version > 0),
  wrapped_key bytea,
  provider text NOT NULL,
  root_key_id text NOT NULL,
  state text NOT NULL CHECK (state IN ('active', 'retiring', 'retired', 'destroyed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  destroyed_at timestamptz,
  destroyed_by text,
  PRIMARY KEY (org_id, version),
  CHECK ((state = 'destroyed') = (wrapped_key IS NULL))
);
CREATE UNIQUE INDEX org_keys_one_active ON org_keys (org_id) WHERE state = 'active';

CREATE TABLE namespaces (
  org_id uuid NOT NULL REFERENCES orgs (id),
  id uuid NOT NULL,
  name text NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9_.-]{0,62}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, name)
);

CREATE TABLE records (
  org_id uuid NOT NULL REFERENCES orgs (id),
  id uuid NOT NULL,
  namespace_id uuid NOT NULL,
  type text NOT NULL,
  content bytea NOT NULL,
  metadata bytea,
  key_version integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, namespace_id) REFERENCES namespaces (org_id, id) ON DELETE CASCADE
);
CREATE INDEX records_by_key_version ON records (org_id, key_version);

CREATE TABLE audit_log (
  org_id uuid NOT NULL REFERENCES orgs (id),
  seq bigint NOT NULL CHECK (seq > 0),
  at timestamptz NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  resource text NOT NULL,
  prev_hash bytea NOT NULL,
  chain_hash bytea NOT NULL,
  PRIMARY KEY (org_id, seq)
);

-- The audit log is append-only for everyone, owner included: a trigger set ENABLE ALWAYS
-- (so it fires even with session_replication_role = replica) refuses UPDATE, DELETE, TRUNCATE.
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_append_only;
ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_no_truncate;

-- RLS on every tenant table: enabled, FORCEd, one policy for coffer_app.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['memberships', 'api_tokens', 'org_keys', 'namespaces', 'records', 'audit_log'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I TO coffer_app '
      'USING (org_id = (SELECT nullif(current_setting(''app.org_id'', true), '''')::uuid)) '
      'WITH CHECK (org_id = (SELECT nullif(current_setting(''app.org_id'', true), '''')::uuid))', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE, DELETE ON memberships, api_tokens, namespaces, records TO coffer_app;
GRANT SELECT, INSERT, UPDATE ON org_keys TO coffer_app;
GRANT SELECT, INSERT ON audit_log TO coffer_app;

-- The admin door: token lookup by hash (and last-use stamps).
CREATE POLICY admin_access ON api_tokens TO coffer_admin USING (true) WITH CHECK (true);
GRANT SELECT, UPDATE ON api_tokens TO coffer_admin;
