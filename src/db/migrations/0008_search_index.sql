-- Search over encrypted content: a blind index of each record's terms.

-- One row per (record, term bucket): the first 20 bits of HMAC-SHA256 of a normalised term under
-- a key derived from the org key version in key_version, and how often the bucket's terms occur
-- in the record. Truncated on purpose: several terms share a bucket; search drops the false
-- positives after decrypting its candidates.
CREATE TABLE record_terms (
  org_id uuid NOT NULL REFERENCES orgs (id),
  record_id uuid NOT NULL,
  key_version integer NOT NULL,
  term_hash integer NOT NULL CHECK (term_hash >= 0 AND term_hash < 1048576),
  tf smallint NOT NULL CHECK (tf > 0),
  PRIMARY KEY (org_id, record_id, key_version, term_hash),
  FOREIGN KEY (org_id, record_id) REFERENCES records (org_id, id) ON DELETE CASCADE
);
-- Lookups by bucket; record_id and tf in the index so a search reads the index alone.
CREATE INDEX record_terms_by_hash ON record_terms (org_id, term_hash, key_version, record_id) INCLUDE (tf);
ALTER TABLE record_terms ENABLE ROW LEVEL SECURITY;
ALTER TABLE record_terms FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON record_terms TO coffer_app
  USING (org_id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid))
  WITH CHECK (org_id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid));
GRANT SELECT, INSERT, UPDATE, DELETE ON record_terms TO coffer_app;
