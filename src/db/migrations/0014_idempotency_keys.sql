-- Idempotency keys of the POSTs that create (records, batches, tokens, grants, namespaces,
-- webhooks): a retry under the same key answers the first response instead of creating again.
-- Kept 24 h (`expires_at`), then swept.
--
-- `key_hash` is HMAC-SHA256 (a subkey of COFFER_TOKEN_SECRET) over the credential's id and the
-- key, so a key is bound to one credential of one org; `request_hash` the same HMAC over method,
-- path and body, so neither says anything about what was sent. `response` is an envelope sealed
-- with context `org:<org_id>/idempotency_keys.response/<id>`: it may hold a secret shown once
-- (a new token, a webhook signing secret). A row without a response is a request in flight.
CREATE TABLE idempotency_keys (
  org_id uuid NOT NULL REFERENCES orgs (id),
  id uuid NOT NULL,
  key_hash bytea NOT NULL,
  request_hash bytea NOT NULL,
  response bytea,
  key_version integer,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, key_hash),
  CHECK ((response IS NULL) = (key_version IS NULL))
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at, org_id);
CREATE INDEX idempotency_keys_by_key_version ON idempotency_keys (org_id, key_version);
ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotency_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON idempotency_keys TO coffer_app
  USING (org_id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid))
  WITH CHECK (org_id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid));
GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_keys TO coffer_app;
-- The sweeper's one cross-org question (which orgs have expired keys?): ids and times only.
CREATE POLICY admin_due_lookup ON idempotency_keys FOR SELECT TO coffer_admin USING (true);
GRANT SELECT (org_id, expires_at) ON idempotency_keys TO coffer_admin;

-- The operator's keys (`POST /v1/orgs`): bound to the operator credential, hashed the same way.
-- The first response (it holds the new org's owner token) is sealed under the new org's key, in
-- that org's `idempotency_keys` row of the same id; `created_org_id` names it once the org exists
-- (null while the request is in flight; not `org_id`: this is no tenant table). Only the admin
-- door reaches this table.
CREATE TABLE operator_idempotency_keys (
  id uuid PRIMARY KEY,
  key_hash bytea NOT NULL UNIQUE,
  request_hash bytea NOT NULL,
  created_org_id uuid REFERENCES orgs (id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX operator_idempotency_keys_expiry ON operator_idempotency_keys (expires_at);
GRANT SELECT, INSERT, UPDATE, DELETE ON operator_idempotency_keys TO coffer_admin;
