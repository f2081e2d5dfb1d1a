-- A removed member's tokens are revoked but keep naming their user: the token's user must exist,
-- not its membership (authentication already answers TOKEN_REVOKED when the membership is gone).
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_org_id_user_id_fkey;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id);
