-- Audit coverage: the per-org opt-in to audit record reads, and one way to append to the system
-- audit log from inside any transaction (the tenant door's included), so that an operator-level
-- change and its system entry commit together or not at all.

-- Off by default: each audited read is one more row written (see the README's audit section).
-- The org's admins turn it on themselves (PUT /v1/audit/settings), through the tenant door.
ALTER TABLE orgs ADD COLUMN audit_record_reads boolean NOT NULL DEFAULT false;
GRANT UPDATE (audit_record_reads) ON orgs TO coffer_app;

-- Appends one system audit entry and nothing else: the tenant role gets no grant on the table
-- itself (it cannot read it, update it or delete from it), only this function, which runs as the
-- table's owner. search_path is pinned so that no caller's schema can shadow the table.
CREATE FUNCTION coffer_system_audit_append(p_id uuid, p_at timestamptz, p_actor text, p_action text, p_resource text)
RETURNS void
LANGUAGE sql
SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
  INSERT INTO public.system_audit (id, at, actor, action, resource) VALUES (p_id, p_at, p_actor, p_action, p_resource)
$$;
REVOKE ALL ON FUNCTION coffer_system_audit_append(uuid, timestamptz, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION coffer_system_audit_append(uuid, timestamptz, text, text, text) TO coffer_app, coffer_admin;
