-- The operator plane: credentials of the deployer, never of a tenant, and a system audit log that
-- outlives every org. Neither table has an org_id: only the admin door reaches them, and
-- coffer_app (the tenant role) has no grant on either.

-- Operator tokens (`cfo_`): stored only as HMAC-SHA256 under a pepper derived from
-- COFFER_TOKEN_SECRET with its own label; shown once; revoked, never deleted.
CREATE TABLE operator_tokens (
  id uuid PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  token_hash bytea NOT NULL UNIQUE,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz
);
GRANT SELECT, INSERT ON operator_tokens TO coffer_admin;
GRANT UPDATE (last_used_at, revoked_at) ON operator_tokens TO coffer_admin;

-- The system audit log: operator-plane actions (operator tokens, org create/plan/limit/suspend/
-- delete). Append-only for the roles Coffer runs as: coffer_admin may insert and read, never
-- update or delete. It names orgs by id in `resource`, so an org's deletion leaves it whole.
CREATE TABLE system_audit (
  id uuid PRIMARY KEY,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  resource text NOT NULL
);
CREATE INDEX system_audit_by_time ON system_audit (at, id);
GRANT SELECT, INSERT ON system_audit TO coffer_admin;

-- Plans are the deployer's (COFFER_PLANS), checked by the application against its plan table;
-- the database keeps only the shape of a plan name.
ALTER TABLE orgs DROP CONSTRAINT orgs_plan_check;
ALTER TABLE orgs ADD CONSTRAINT orgs_plan_name CHECK (plan ~ '^[a-z0-9][a-z0-9_-]{0,62}$');
