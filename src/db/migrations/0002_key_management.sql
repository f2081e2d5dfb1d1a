-- Key management: resumable org key rotation jobs, org deletion tombstones.

-- One row per rotation of an org's key. The job re-encrypts every envelope of older versions
-- in batches; each batch commits together with the job's cursor, so a killed job resumes where
-- it stopped.
CREATE TABLE key_rotation_jobs (
  org_id uuid NOT NULL REFERENCES orgs (id),
  id uuid NOT NULL,
  target_version integer NOT NULL,
  state text NOT NULL CHECK (state IN ('running', 'completed')),
  cursor_table text,
  cursor_row_id uuid,
  envelopes_done bigint NOT NULL DEFAULT 0,
  started_by text NOT NULL,
  started_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  completed_at timestamptz,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, target_version) REFERENCES org_keys (org_id, version)
);
CREATE UNIQUE INDEX key_rotation_jobs_one_running ON key_rotation_jobs (org_id) WHERE state = 'running';

ALTER TABLE key_rotation_jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE key_rotation_jobs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON key_rotation_jobs TO coffer_app
  USING (org_id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid))
  WITH CHECK (org_id = (SELECT nullif(current_setting('app.org_id', true), '')::uuid));
GRANT SELECT, INSERT, UPDATE ON key_rotation_jobs TO coffer_app;

-- An org that was deleted keeps its row (so its id is never reused) and its key tombstones.
ALTER TABLE orgs ADD COLUMN deleted_at timestamptz;
GRANT UPDATE (suspended_at, deleted_at) ON orgs TO coffer_admin;
