-- The quota's fast path as one function: reserve room in one of the org's allotments, or give
-- back every row lock the attempt took. `SELECT ... FOR UPDATE SKIP LOCKED` keeps the lock on a
-- row it locked and then dropped on the recheck (another writer used its room between the
-- snapshot and the lock); a writer holding such a lock that then takes the slow path (quota state,
-- then every allotment) deadlocks with a slow-path writer waiting for that allotment. The inner
-- block runs as a subtransaction: when nothing was reserved it raises, and rolling the block back
-- releases what it locked. SECURITY INVOKER (the default): the caller's RLS applies.
CREATE FUNCTION usage_reserve(
  p_org uuid, p_records bigint, p_bytes bigint, p_quota jsonb,
  OUT org_found boolean, OUT quota_records bigint, OUT quota_bytes bigint, OUT shard integer
) LANGUAGE plpgsql AS $$
BEGIN
  SELECT (p ->> 'records')::bigint, (p ->> 'bytes')::bigint INTO quota_records, quota_bytes
  FROM (SELECT coalesce(p_quota -> o.plan, p_quota -> '#unknown') AS p FROM orgs o WHERE o.id = p_org) plan;
  org_found := FOUND;
  IF NOT org_found OR (quota_records IS NULL AND quota_bytes IS NULL) THEN
    RETURN;
  END IF;
  BEGIN
    WITH pick AS (
      SELECT a.shard FROM usage_allotments a
      WHERE a.org_id = p_org AND a.quota_records IS NOT DISTINCT FROM usage_reserve.quota_records
        AND a.quota_bytes IS NOT DISTINCT FROM usage_reserve.quota_bytes
        AND a.records_used + p_records <= a.records_allot AND a.bytes_used + p_bytes <= a.bytes_allot
      LIMIT 1 FOR UPDATE OF a SKIP LOCKED)
    UPDATE usage_allotments a SET records_used = a.records_used + p_records, bytes_used = a.bytes_used + p_bytes
    FROM pick WHERE a.org_id = p_org AND a.shard = pick.shard
    RETURNING a.shard INTO usage_reserve.shard;
    IF usage_reserve.shard IS NULL THEN
      RAISE EXCEPTION 'no allotment with room' USING ERRCODE = 'CQ001';
    END IF;
  EXCEPTION WHEN SQLSTATE 'CQ001' THEN
    usage_reserve.shard := NULL;
  END;
END $$;
