-- OAuth connectors: providers the operator registers (global), the single-use `state` of each
-- authorization an org starts, and the org's connector credentials (access and refresh tokens).

-- Providers are the deployer's, not any org's: no org_id, reached only through the table owner's
-- connection (like audit_signing_keys), never through a tenant or admin scope. `client_secret` is
-- an envelope under the provider's own data key, which is stored only wrapped by the root key
-- provider (`wrapped_key`, context `connector-provider:<id>` v1).
CREATE TABLE connector_providers (
  id uuid PRIMARY KEY,
  name text NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9][a-z0-9_-]{0,52}$'),
  authorization_endpoint text NOT NULL CHECK (char_length(authorization_endpoint) <= 2048),
  token_endpoint text NOT NULL CHECK (char_length(token_endpoint) <= 2048),
  client_id text NOT NULL CHECK (char_length(client_id) BETWEEN 1 AND 512),
  client_secret bytea NOT NULL,
  client_secret_last4 text CHECK (char_length(client_secret_last4) <= 4),
  wrapped_key bytea NOT NULL,
  root_key_id text NOT NULL,
  scopes text[] NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL
);
-- A tenant transaction names its credentials' providers: id and name only, never an endpoint,
-- the client id or any key material.
GRANT SELECT (id, name) ON connector_providers TO coffer_app;

-- One row per authorization started: the state token names it; the callback marks it used in the
-- transaction that stores the credential, so a state works once. Holds no secret (the PKCE
-- verifier is derived from COFFER_TOKEN_SECRET and the state id, never stored).
CREATE TABLE connector_states (
  org_id uuid NOT NULL REFERENCES orgs (id),
  id uuid NOT NULL,
  provider_id uuid NOT NULL REFERENCES connector_providers (id) ON DELETE CASCADE,
  actor text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  PRIMARY KEY (org_id, id)
);
ALTER TABLE connector_states ENABLE ROW LEVEL SECURITY;
ALTER TABLE connector_states FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON connector_states TO coffer_app
  USING (org_id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid))
  WITH CHECK (org_id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid));
GRANT SELECT, INSERT, UPDATE, DELETE ON connector_states TO coffer_app;

-- An org's connection to a provider. `access_token` and `refresh_token` are envelopes under the
-- org key (context `org:<org_id>/connector_credentials.<column>/<id>`); only `access_last4` and
-- the expiry are ever shown. `refresh_due_at` is when the refresh job renews it (jittered, before
-- `expires_at`); `refresh_claim` and `refresh_claimed_until` are the lease of the one refresh in
-- flight, across instances. A provider cannot be deleted while credentials use it.
CREATE TABLE connector_credentials (
  org_id uuid NOT NULL REFERENCES orgs (id),
  id uuid NOT NULL,
  provider_id uuid NOT NULL REFERENCES connector_providers (id),
  access_token bytea NOT NULL,
  refresh_token bytea,
  key_version integer NOT NULL,
  access_last4 text CHECK (char_length(access_last4) <= 4),
  granted_scope text CHECK (char_length(granted_scope) <= 2048),
  expires_at timestamptz,
  refresh_due_at timestamptz,
  refresh_claim uuid,
  refresh_claimed_until timestamptz,
  refresh_failures integer NOT NULL DEFAULT 0,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'needs_reauth')),
  verify_status text NOT NULL DEFAULT 'valid'
    CHECK (verify_status IN ('valid', 'refused', 'unreachable')),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  last_refreshed_at timestamptz,
  last_used_at timestamptz,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX connector_credentials_by_key_version ON connector_credentials (org_id, key_version);
CREATE INDEX connector_credentials_by_provider ON connector_credentials (provider_id);
CREATE INDEX connector_credentials_due ON connector_credentials (refresh_due_at, org_id)
  WHERE status = 'active' AND refresh_due_at IS NOT NULL;
ALTER TABLE connector_credentials ENABLE ROW LEVEL SECURITY;
ALTER TABLE connector_credentials FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON connector_credentials TO coffer_app
  USING (org_id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid))
  WITH CHECK (org_id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid));
GRANT SELECT, INSERT, UPDATE, DELETE ON connector_credentials TO coffer_app;

-- The refresh job's one cross-org question (tenancy/due-work.ts): which orgs have a credential due?
-- `coffer_admin` reads only the columns that answer it, never an envelope.
CREATE POLICY admin_due_lookup ON connector_credentials FOR SELECT TO coffer_admin USING (true);
GRANT SELECT (org_id, status, refresh_due_at) ON connector_credentials TO coffer_admin;
