-- record_terms loses its foreign key to orgs. Every row the term indexer moves in cost a
-- referential check (a lookup and row lock of the org, through SPI) per bucket: about 100 per
-- record, a quarter of the move's time (1.9-2.3 ms against 1.4-1.7 ms per record of 100 buckets,
-- measured on PostgreSQL 15). The rows come only from record_terms_pending rows written with their
-- record, whose org the records table references, and go with the record (coffer_delete_record_terms);
-- orgs are never deleted. record_terms_pending was made without this key for the same reason.
ALTER TABLE record_terms DROP CONSTRAINT record_terms_org_id_fkey;
