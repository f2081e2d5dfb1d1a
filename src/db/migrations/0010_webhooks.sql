-- Webhooks: the endpoints an org registers, the outbox of deliveries (written in the transaction
-- of the change that emits them), and the log of every delivery attempt.

-- `url`, `secret` and `previous_secret` are envelopes sealed with context
-- `org:<org_id>/webhook_endpoints.<column>/<id>`; the signing secret is shown once at creation.
-- `previous_secret` keeps signing beside `secret` until `previous_secret_expires_at`.
CREATE TABLE webhook_endpoints (
  org_id uuid NOT NULL REFERENCES orgs (id),
  id uuid NOT NULL,
  url bytea NOT NULL,
  secret bytea NOT NULL,
  previous_secret bytea,
  previous_secret_expires_at timestamptz,
  key_version integer NOT NULL,
  event_types text[] NOT NULL CHECK (cardinality(event_types) BETWEEN 1 AND 32),
  description text NOT NULL DEFAULT '' CHECK (char_length(description) <= 500),
  enabled boolean NOT NULL DEFAULT true,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX webhook_endpoints_by_key_version ON webhook_endpoints (org_id, key_version);
ALTER TABLE webhook_endpoints ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_endpoints FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_endpoints TO coffer_app
  USING (org_id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid))
  WITH CHECK (org_id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid));
GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_endpoints TO coffer_app;

-- One message to one endpoint. `id` is the `webhook-id` header, stable across retries; `payload`
-- holds ids and metadata only, never content or secret values. `last_error` is a fixed string.
CREATE TABLE webhook_deliveries (
  org_id uuid NOT NULL REFERENCES orgs (id),
  id text NOT NULL CHECK (id ~ '^msg_[0-9a-f]{32}$'),
  endpoint_id uuid NOT NULL,
  event_type text NOT NULL CHECK (char_length(event_type) <= 64),
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  last_status_code integer,
  last_error text CHECK (char_length(last_error) <= 64),
  created_at timestamptz NOT NULL,
  finished_at timestamptz,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, endpoint_id) REFERENCES webhook_endpoints (org_id, id) ON DELETE CASCADE
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (org_id, next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (org_id, endpoint_id, created_at);
ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_deliveries FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_deliveries TO coffer_app
  USING (org_id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid))
  WITH CHECK (org_id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid));
GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_deliveries TO coffer_app;

-- Every attempt of a delivery: when, what came back (or which fixed error), how long it took.
CREATE TABLE webhook_attempts (
  org_id uuid NOT NULL REFERENCES orgs (id),
  id uuid NOT NULL,
  delivery_id text NOT NULL,
  endpoint_id uuid NOT NULL,
  attempt integer NOT NULL CHECK (attempt >= 1),
  attempted_at timestamptz NOT NULL,
  status_code integer,
  error text CHECK (char_length(error) <= 64),
  latency_ms integer NOT NULL CHECK (latency_ms >= 0),
  outcome text NOT NULL CHECK (outcome IN ('delivered', 'retrying', 'failed')),
  next_attempt_at timestamptz,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, delivery_id) REFERENCES webhook_deliveries (org_id, id) ON DELETE CASCADE
);
CREATE INDEX webhook_attempts_by_endpoint ON webhook_attempts (org_id, endpoint_id, attempted_at);
ALTER TABLE webhook_attempts ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_attempts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_attempts TO coffer_app
  USING (org_id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid))
  WITH CHECK (org_id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid));
GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_attempts TO coffer_app;
