-- The Kafka relay's per-event failures (JdbcOutbox.recordFailure): an event that fails for its own
-- sake (it cannot be rendered, the broker refuses that record) is retried a few times and then set
-- aside, so that it holds back only its own session. Both columns add in place on MariaDB 10.3+.
ALTER TABLE outbox_events ADD COLUMN relay_failures INT NOT NULL DEFAULT 0;
ALTER TABLE outbox_events ADD COLUMN set_aside_at DATETIME(3) NULL;
