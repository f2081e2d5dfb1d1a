-- Expired and revoked sessions are deleted by a sweeper in every instance (admin door: one
-- statement across orgs, in batches).
GRANT DELETE ON sessions TO coffer_admin;
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
