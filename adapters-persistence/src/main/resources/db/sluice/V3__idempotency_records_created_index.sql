-- idempotency.purge deletes the records older than a day, a batch at a time; without
-- this index every batch would read the whole table.
CREATE INDEX idempotency_records_created ON idempotency_records (created_at);
