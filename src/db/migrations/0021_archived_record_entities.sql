-- The entity blind index of archived records, so that erasure by entity (GDPR art. 17) finds
-- archived records too. The archive job copies a record's `record_entities` rows here in the
-- transaction that replaces the record with its stub (the same HMACs under the same key version:
-- nothing is decrypted or recomputed for it); they go with the stub (ON DELETE CASCADE). Erasure
-- hashes the entity under every version found here, which may be a retired one (a retired org
-- key version is still wrapped, not destroyed; crypto-shredding destroys it and these rows with
-- the org). Stubs archived before this migration have no rows here: erase them by id, namespace
-- or time.
CREATE TABLE archived_record_entities (
  org_id uuid NOT NULL REFERENCES orgs (id),
  record_id uuid NOT NULL,
  key_version integer NOT NULL,
  entity_hash bytea NOT NULL CHECK (octet_length(entity_hash) = 16),
  PRIMARY KEY (org_id, record_id, key_version, entity_hash),
  FOREIGN KEY (org_id, record_id) REFERENCES archived_records (org_id, id) ON DELETE CASCADE
);
CREATE INDEX archived_record_entities_by_hash ON archived_record_entities (org_id, entity_hash, key_version);
ALTER TABLE archived_record_entities ENABLE ROW LEVEL SECURITY;
ALTER TABLE archived_record_entities FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON archived_record_entities TO coffer_app
  USING (org_id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid))
  WITH CHECK (org_id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid));
GRANT SELECT, INSERT, UPDATE, DELETE ON archived_record_entities TO coffer_app;

-- Which bucket a stub's object went to (the settings may later name another one): erasure
-- deletes an object only from the bucket it was written to, and says so when that bucket is no
-- longer the org's. NULL for stubs archived before this migration (taken to be in the current one).
ALTER TABLE archived_records ADD COLUMN endpoint text;
ALTER TABLE archived_records ADD COLUMN bucket text;
