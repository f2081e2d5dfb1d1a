-- Endpoints that keep failing are disabled: `failing_since` is the first failed attempt since the
-- last delivered one (null while the endpoint delivers); five days of it disable the endpoint,
-- with `disabled_reason` saying why until someone enables it again.
ALTER TABLE webhook_endpoints ADD COLUMN failing_since timestamptz;
ALTER TABLE webhook_endpoints ADD COLUMN disabled_reason text
  CHECK (disabled_reason IN ('continuous_failure'));

-- The periodic jobs (webhook delivery every 2 s, TTL sweep every 30 s) ask one cross-org question
-- before they enter any org: which orgs have work due now? Without it a pass opened one tenant
-- transaction per org, work or not. `coffer_admin` may read only the columns that answer it:
-- org and endpoint ids and times, never a payload, an envelope or an endpoint's URL.
CREATE INDEX webhook_deliveries_due_any ON webhook_deliveries (next_attempt_at, org_id, endpoint_id)
  WHERE status = 'pending';
CREATE POLICY admin_due_lookup ON webhook_deliveries FOR SELECT TO coffer_admin USING (true);
GRANT SELECT (org_id, endpoint_id, status, next_attempt_at, finished_at) ON webhook_deliveries TO coffer_admin;
-- The worker claims per endpoint, so that one slow receiver holds up only its own deliveries. This
-- index also serves a claim over a whole org, so the per-org one of 0010 goes: every claim and
-- every outcome rewrites `next_attempt_at`, and with it every index on it.
CREATE INDEX webhook_deliveries_due_by_endpoint ON webhook_deliveries (org_id, endpoint_id, next_attempt_at)
  WHERE status = 'pending';
DROP INDEX webhook_deliveries_due;

-- Finished deliveries (and their attempts) are deleted 30 days after they finished.
CREATE INDEX webhook_deliveries_finished ON webhook_deliveries (finished_at, org_id) WHERE finished_at IS NOT NULL;

CREATE INDEX records_expiry_by_org ON records (expires_at, org_id) WHERE expires_at IS NOT NULL;
DROP INDEX records_by_expiry;
CREATE POLICY admin_due_lookup ON records FOR SELECT TO coffer_admin USING (true);
GRANT SELECT (org_id, expires_at) ON records TO coffer_admin;
