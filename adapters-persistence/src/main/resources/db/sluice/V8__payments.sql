-- A session's payments: every chain transaction seen for it, one row per txId, numbered in the
-- order they were first seen. A session row keeps its status, tx_id (the first payment's) and
-- amount_received (the sum of confirmed payments) as derived from these rows.
CREATE TABLE deposit_payments (
    session_id     VARCHAR(40)    NOT NULL,
    payment_number INT            NOT NULL,
    tx_id          VARCHAR(256)   NOT NULL, -- 128 code points on H2 too (see V4)
    status         VARCHAR(16)    NOT NULL,
    amount         VARCHAR(32)    NULL,
    amount_value   DECIMAL(65,30) NULL,
    confirmations  BIGINT         NOT NULL,
    first_seen_at  DATETIME(3)    NOT NULL,
    confirmed_at   DATETIME(3)    NULL,
    -- payments.ofSession, payments.ofSessions: a session's payments in the order first seen
    PRIMARY KEY (session_id, payment_number),
    -- payments.upsert: one payment per transaction of a session
    CONSTRAINT deposit_payments_session_tx UNIQUE (session_id, tx_id),
    CONSTRAINT deposit_payments_session FOREIGN KEY (session_id) REFERENCES deposit_sessions (session_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- no repository query: which session a transaction paid, for support and reconciliation
CREATE INDEX deposit_payments_tx ON deposit_payments (tx_id);

-- amount_received is now a sum of payments, longer than any one amount: up to the 66 characters of
-- a DECIMAL(65,30) written out.
ALTER TABLE deposit_sessions MODIFY amount_received VARCHAR(66) NULL;
ALTER TABLE outbox_events MODIFY amount_received VARCHAR(66) NULL;

-- What a session took from its widget at creation. Existing sessions had no tolerance and were live.
ALTER TABLE deposit_sessions ADD COLUMN payment_tolerance_percent VARCHAR(32) NOT NULL DEFAULT '0';
ALTER TABLE deposit_sessions ADD COLUMN test_mode BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE outbox_events ADD COLUMN payment_tolerance_percent VARCHAR(32) NOT NULL DEFAULT '0';
ALTER TABLE outbox_events ADD COLUMN test_mode BOOLEAN NOT NULL DEFAULT FALSE;
-- The payments right after the event, as a JSON array; NULL on events written before this version,
-- whose one payment is read back from their tx_id and amount_received.
ALTER TABLE outbox_events ADD COLUMN payments TEXT NULL;

-- A session of the previous schema had at most one transaction: it becomes its one payment.
-- Confirmed when an amount was received, failed when the session failed, else still detected
-- (PENDING, or set aside by a cancel). Its first sighting and confirmations come from the
-- observations that named it; a session without such observations falls back to its own times.
INSERT INTO deposit_payments (session_id, payment_number, tx_id, status, amount, amount_value, confirmations,
                              first_seen_at, confirmed_at)
SELECT s.session_id, 1, s.tx_id,
       CASE WHEN s.amount_received IS NOT NULL THEN 'CONFIRMED'
            WHEN s.status = 'FAILED' THEN 'FAILED'
            ELSE 'DETECTED' END,
       s.amount_received, s.amount_received_value,
       COALESCE((SELECT MAX(o.confirmations) FROM observations o
                 WHERE o.session_id = s.session_id AND o.tx_id = s.tx_id AND o.outcome <> 'REJECTED'), 0),
       COALESCE((SELECT MIN(o.observed_at) FROM observations o
                 WHERE o.session_id = s.session_id AND o.tx_id = s.tx_id AND o.outcome <> 'REJECTED'),
                s.confirmed_at, s.created_at),
       CASE WHEN s.amount_received IS NOT NULL THEN COALESCE(s.confirmed_at, s.created_at) END
FROM deposit_sessions s
WHERE s.tx_id IS NOT NULL;
