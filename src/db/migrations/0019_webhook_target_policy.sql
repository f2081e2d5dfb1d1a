-- The outbound policy an endpoint was registered under. An instance in public-targets mode
-- (COFFER_WEBHOOKS_REQUIRE_PUBLIC_TARGETS, on by default in production) records it on the endpoints it
-- creates or changes, and every worker applies the stricter of its own setting and this one, so an
-- instance that allows private addresses never delivers to an endpoint a strict instance accepted.
ALTER TABLE webhook_endpoints ADD COLUMN require_public_targets boolean NOT NULL DEFAULT false;
