-- Access: token details (agent, namespace restriction, limits, rotation), per-org limits,
-- sessions, record visibility, cross-namespace grants.

ALTER TABLE orgs ADD COLUMN rate_limit_per_minute integer CHECK (rate_limit_per_minute > 0);
GRANT UPDATE (rate_limit_per_minute) ON orgs TO coffer_admin;

ALTER TABLE api_tokens
  ADD COLUMN agent text CHECK (agent ~ '^[a-z0-9][a-z0-9_.:-]{0,62}$'),
  ADD COLUMN namespace_id uuid,
  ADD COLUMN rate_limit_per_minute integer CHECK (rate_limit_per_minute > 0),
  ADD COLUMN rotated_to uuid,
  ADD FOREIGN KEY (org_id, namespace_id) REFERENCES namespaces (org_id, id) ON DELETE CASCADE;
-- The admin door stamps last use (at most once a minute per token).
GRANT UPDATE (last_used_at) ON api_tokens TO coffer_admin;

-- Browser sessions: the cookie holds a random id; only its HMAC is stored. One org per session.
CREATE TABLE sessions (
  org_id uuid NOT NULL REFERENCES orgs (id),
  id uuid NOT NULL,
  user_id uuid NOT NULL,
  session_hash bytea NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, session_hash),
  FOREIGN KEY (org_id, user_id) REFERENCES memberships (org_id, user_id) ON DELETE CASCADE
);
CREATE INDEX sessions_by_hash ON sessions (session_hash);
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON sessions TO coffer_app
  USING (org_id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid))
  WITH CHECK (org_id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid));
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions TO coffer_app;
CREATE POLICY admin_access ON sessions TO coffer_admin USING (true) WITH CHECK (true);
GRANT SELECT ON sessions TO coffer_admin;
-- Session lookup needs the user's email-less identity and membership role.
CREATE POLICY admin_access ON memberships TO coffer_admin USING (true) WITH CHECK (true);
GRANT SELECT ON memberships TO coffer_admin;

-- Record visibility: private records are readable only by their owner agent or listed agents.
ALTER TABLE records
  ADD COLUMN visibility text NOT NULL DEFAULT 'shared' CHECK (visibility IN ('private', 'shared', 'public')),
  ADD COLUMN owner_agent text,
  ADD COLUMN allowed_agents text[] NOT NULL DEFAULT '{}';

-- Grants: namespace `grantee` may read namespace `granted` (optionally some types) until expiry.
CREATE TABLE grants (
  org_id uuid NOT NULL REFERENCES orgs (id),
  id uuid NOT NULL,
  grantee_namespace_id uuid NOT NULL,
  granted_namespace_id uuid NOT NULL,
  types text[],
  expires_at timestamptz,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, grantee_namespace_id) REFERENCES namespaces (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, granted_namespace_id) REFERENCES namespaces (org_id, id) ON DELETE CASCADE,
  CHECK (grantee_namespace_id <> granted_namespace_id)
);
ALTER TABLE grants ENABLE ROW LEVEL SECURITY;
ALTER TABLE grants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON grants TO coffer_app
  USING (org_id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid))
  WITH CHECK (org_id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid));
GRANT SELECT, INSERT, UPDATE, DELETE ON grants TO coffer_app;
