-- Records, complete: encrypted entities with an exact blind index, TTL, list filters.

-- An envelope of the record's entities (a JSON array of strings), sealed like content.
ALTER TABLE records ADD COLUMN entities bytea;
-- Set from ttl_seconds at write time; every read hides a record from this instant on.
ALTER TABLE records ADD COLUMN expires_at timestamptz;
CREATE INDEX records_by_expiry ON records (expires_at) WHERE expires_at IS NOT NULL;
CREATE INDEX records_by_namespace ON records (org_id, namespace_id, id);

-- One row per (record, entity): HMAC-SHA256 of the normalised entity under a key derived from
-- the org key version in key_version (truncated to 16 bytes: exact, no shared hashes).
CREATE TABLE record_entities (
  org_id uuid NOT NULL REFERENCES orgs (id),
  record_id uuid NOT NULL,
  key_version integer NOT NULL,
  entity_hash bytea NOT NULL CHECK (octet_length(entity_hash) = 16),
  PRIMARY KEY (org_id, record_id, key_version, entity_hash),
  FOREIGN KEY (org_id, record_id) REFERENCES records (org_id, id) ON DELETE CASCADE
);
CREATE INDEX record_entities_by_hash ON record_entities (org_id, entity_hash, key_version);
ALTER TABLE record_entities ENABLE ROW LEVEL SECURITY;
ALTER TABLE record_entities FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON record_entities TO coffer_app
  USING (org_id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid))
  WITH CHECK (org_id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid));
GRANT SELECT, INSERT, UPDATE, DELETE ON record_entities TO coffer_app;
