-- Usage per org, kept exact by the write path (no scans of records to answer GET /v1/usage), and
-- the ledger that enforces a plan's storage and record quotas without a per-org lock on every write.

-- Records and stored bytes (octet lengths of the record's envelopes) by namespace, sharded: the
-- triggers below add each statement's change to the shard of the writing connection
-- (pg_backend_pid() % 16), so concurrent writers of one org rarely update the same row. The
-- usage of a namespace is the sum over its shards.
CREATE TABLE usage_records (
  org_id uuid NOT NULL REFERENCES orgs (id),
  shard smallint NOT NULL CHECK (shard BETWEEN 0 AND 15),
  namespace_id uuid NOT NULL,
  records bigint NOT NULL DEFAULT 0,
  bytes bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, shard, namespace_id)
);

-- Counts of small things (live tokens, webhook endpoints, secrets), one row per org and kind,
-- kept by row triggers. Their writes are rare, and the row lock serialises the plan-limit check
-- of concurrent creations (max_tokens, max_webhook_endpoints).
CREATE TABLE usage_objects (
  org_id uuid NOT NULL REFERENCES orgs (id),
  kind text NOT NULL CHECK (kind IN ('tokens', 'webhook_endpoints', 'secrets')),
  count bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, kind)
);

-- Requests per UTC day, flushed by each instance from its in-memory counter.
CREATE TABLE usage_requests (
  org_id uuid NOT NULL REFERENCES orgs (id),
  day date NOT NULL,
  count bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, day)
);

-- The quota ledger: the org's quota split into 8 allotments. A write reserves from one allotment
-- it can lock at once (FOR UPDATE SKIP LOCKED) and that has room; only a write that finds none
-- (near the quota, at the 80 % warning line, after a plan change) takes every allotment and
-- recounts from usage_records. `*_used` is an upper bound (deletes are not taken off here; the
-- recount does that), so the sum of allotments, never more than the quota, bounds the usage.
CREATE TABLE usage_allotments (
  org_id uuid NOT NULL REFERENCES orgs (id),
  shard smallint NOT NULL CHECK (shard BETWEEN 0 AND 7),
  quota_records bigint,
  quota_bytes bigint,
  records_used bigint NOT NULL,
  bytes_used bigint NOT NULL,
  records_allot bigint NOT NULL,
  bytes_allot bigint NOT NULL,
  PRIMARY KEY (org_id, shard)
);

-- Whether the 80 % warning of each quota was sent since usage last went under the line; its row
-- lock serialises the slow path of one org.
CREATE TABLE usage_quota_state (
  org_id uuid PRIMARY KEY REFERENCES orgs (id),
  records_warned boolean NOT NULL DEFAULT false,
  bytes_warned boolean NOT NULL DEFAULT false
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['usage_records', 'usage_objects', 'usage_requests', 'usage_allotments',
                           'usage_quota_state'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I TO coffer_app '
      'USING (org_id = (SELECT nullif(current_setting(''app.org_id'', true), '''')::uuid)) '
      'WITH CHECK (org_id = (SELECT nullif(current_setting(''app.org_id'', true), '''')::uuid))', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO coffer_app', t);
  END LOOP;
END $$;

-- Records: one upsert per namespace per statement (the rows in namespace order, so two statements
-- on one shard lock rows in the same order). An UPDATE changes bytes only (a record never moves).
CREATE FUNCTION usage_count_records() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE writer_shard smallint := (pg_backend_pid() % 16)::smallint;
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO usage_records AS u (org_id, shard, namespace_id, records, bytes)
    SELECT org_id, writer_shard, namespace_id, count(*),
           sum(coalesce(octet_length(content), 0) + coalesce(octet_length(metadata), 0) + coalesce(octet_length(entities), 0))
    FROM new_rows GROUP BY org_id, namespace_id ORDER BY org_id, namespace_id
    ON CONFLICT (org_id, shard, namespace_id)
      DO UPDATE SET records = u.records + excluded.records, bytes = u.bytes + excluded.bytes;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO usage_records AS u (org_id, shard, namespace_id, records, bytes)
    SELECT org_id, writer_shard, namespace_id, -count(*),
           -sum(coalesce(octet_length(content), 0) + coalesce(octet_length(metadata), 0) + coalesce(octet_length(entities), 0))
    FROM old_rows GROUP BY org_id, namespace_id ORDER BY org_id, namespace_id
    ON CONFLICT (org_id, shard, namespace_id)
      DO UPDATE SET records = u.records + excluded.records, bytes = u.bytes + excluded.bytes;
  ELSE
    INSERT INTO usage_records AS u (org_id, shard, namespace_id, records, bytes)
    SELECT org_id, writer_shard, namespace_id, 0, sum(size)
    FROM (
      SELECT org_id, namespace_id,
             coalesce(octet_length(content), 0) + coalesce(octet_length(metadata), 0) + coalesce(octet_length(entities), 0) AS size
      FROM new_rows
      UNION ALL
      SELECT org_id, namespace_id,
             -(coalesce(octet_length(content), 0) + coalesce(octet_length(metadata), 0) + coalesce(octet_length(entities), 0))
      FROM old_rows
    ) changed
    GROUP BY org_id, namespace_id HAVING sum(size) <> 0 ORDER BY org_id, namespace_id
    ON CONFLICT (org_id, shard, namespace_id) DO UPDATE SET bytes = u.bytes + excluded.bytes;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER usage_records_inserted AFTER INSERT ON records
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION usage_count_records();
CREATE TRIGGER usage_records_deleted AFTER DELETE ON records
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION usage_count_records();
CREATE TRIGGER usage_records_updated AFTER UPDATE ON records
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION usage_count_records();

-- Small things: +1 on insert, -1 on delete; a token counts while it is not revoked.
CREATE FUNCTION usage_count_object() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  change bigint;
  org uuid;
BEGIN
  IF TG_OP = 'INSERT' THEN
    change := 1;
    org := NEW.org_id;
  ELSE
    change := -1;
    org := OLD.org_id;
  END IF;
  INSERT INTO usage_objects AS u (org_id, kind, count) VALUES (org, TG_ARGV[0], change)
    ON CONFLICT (org_id, kind) DO UPDATE SET count = u.count + excluded.count;
  RETURN NULL;
END $$;
CREATE FUNCTION usage_count_token() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE change bigint;
BEGIN
  change := CASE TG_OP
    WHEN 'INSERT' THEN CASE WHEN NEW.revoked_at IS NULL THEN 1 ELSE 0 END
    WHEN 'DELETE' THEN CASE WHEN OLD.revoked_at IS NULL THEN -1 ELSE 0 END
    ELSE (CASE WHEN NEW.revoked_at IS NULL THEN 1 ELSE 0 END) - (CASE WHEN OLD.revoked_at IS NULL THEN 1 ELSE 0 END)
  END;
  IF change <> 0 THEN
    INSERT INTO usage_objects AS u (org_id, kind, count)
      VALUES (CASE WHEN TG_OP = 'DELETE' THEN OLD.org_id ELSE NEW.org_id END, 'tokens', change)
      ON CONFLICT (org_id, kind) DO UPDATE SET count = u.count + excluded.count;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER usage_tokens_counted AFTER INSERT OR DELETE OR UPDATE OF revoked_at ON api_tokens
  FOR EACH ROW EXECUTE FUNCTION usage_count_token();
CREATE TRIGGER usage_endpoints_counted AFTER INSERT OR DELETE ON webhook_endpoints
  FOR EACH ROW EXECUTE FUNCTION usage_count_object('webhook_endpoints');
CREATE TRIGGER usage_secrets_counted AFTER INSERT OR DELETE ON org_secrets
  FOR EACH ROW EXECUTE FUNCTION usage_count_object('secrets');

-- What existed before this migration, counted once here, org by org through the tenant role: a
-- migrating owner that RLS applies to (FORCE, not a superuser) would see no rows of its own.
DO $$
DECLARE org uuid;
BEGIN
  FOR org IN SELECT id FROM orgs LOOP
    PERFORM set_config('app.org_id', org::text, true);
    PERFORM set_config('role', 'coffer_app', true);
    INSERT INTO usage_records (org_id, shard, namespace_id, records, bytes)
    SELECT org_id, 0, namespace_id, count(*),
           sum(coalesce(octet_length(content), 0) + coalesce(octet_length(metadata), 0) + coalesce(octet_length(entities), 0))
    FROM records WHERE org_id = org GROUP BY org_id, namespace_id;
    INSERT INTO usage_objects (org_id, kind, count)
    SELECT org, 'tokens', count(*) FROM api_tokens WHERE org_id = org AND revoked_at IS NULL HAVING count(*) > 0;
    INSERT INTO usage_objects (org_id, kind, count)
    SELECT org, 'webhook_endpoints', count(*) FROM webhook_endpoints WHERE org_id = org HAVING count(*) > 0;
    INSERT INTO usage_objects (org_id, kind, count)
    SELECT org, 'secrets', count(*) FROM org_secrets WHERE org_id = org HAVING count(*) > 0;
    PERFORM set_config('role', 'none', true);
  END LOOP;
  PERFORM set_config('app.org_id', '', true);
END $$;
