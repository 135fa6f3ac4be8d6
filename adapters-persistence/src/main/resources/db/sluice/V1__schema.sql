-- Sluice schema, one script for MySQL 8, MariaDB 10.6+ and H2 2.3 in MySQL mode: it uses only types
-- and clauses all three accept, so no vendor-specific folder is needed.
-- Conventions: utf8mb4 with a binary collation (ids, keys and addresses compare exactly, as in Java);
-- timestamps are DATETIME(3) holding UTC; an amount keeps the caller's string beside an exact
-- DECIMAL(65,30) of it; every index names the repository query it serves.

-- One row per business that ever created a widget. Locking it serialises widget creations of one
-- business, so that the limit of live widgets cannot be overrun by a race.
CREATE TABLE businesses (
    business_id VARCHAR(64) NOT NULL,
    -- widgets.lockBusiness
    PRIMARY KEY (business_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE widgets (
    widget_id                 VARCHAR(40)    NOT NULL,
    business_id               VARCHAR(64)    NOT NULL,
    name                      VARCHAR(128)   NOT NULL,
    mode                      VARCHAR(16)    NOT NULL,
    min_amount                VARCHAR(32)    NULL,
    min_amount_value          DECIMAL(65,30) NULL,
    max_amount                VARCHAR(32)    NULL,
    max_amount_value          DECIMAL(65,30) NULL,
    -- the five lists are JSON arrays of strings
    allowed_networks          TEXT           NOT NULL,
    allowed_currencies        TEXT           NOT NULL,
    allowed_deposit_addresses TEXT           NOT NULL,
    allowed_domains           TEXT           NOT NULL,
    allowed_methods           TEXT           NOT NULL,
    success_url               VARCHAR(2048)  NULL,
    cancel_url                VARCHAR(2048)  NULL,
    icon_url                  VARCHAR(2048)  NULL,
    default_currency          VARCHAR(8)     NULL,
    default_currency_address  VARCHAR(66)    NULL,
    default_network           VARCHAR(32)    NULL,
    default_deposit_address   VARCHAR(128)   NULL,
    metadata_schema           TEXT           NULL,
    render_mode               VARCHAR(8)     NOT NULL,
    color                     VARCHAR(9)     NULL,
    emoji                     VARCHAR(32)    NULL,
    enabled                   BOOLEAN        NOT NULL,
    secret_hash               CHAR(64)       NOT NULL,
    created_at                DATETIME(3)    NOT NULL,
    updated_at                DATETIME(3)    NOT NULL,
    deleted_at                DATETIME(3)    NULL,
    version                   BIGINT         NOT NULL,
    -- widgets.find, widgets.update
    PRIMARY KEY (widget_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- widgets.listLive and widgets.countLive: a business's live widgets, oldest first
CREATE INDEX widgets_business_live ON widgets (business_id, deleted_at, created_at);

-- The session columns (session_id .. version) are repeated in outbox_events, which keeps the
-- session as it was right after each event.
CREATE TABLE deposit_sessions (
    session_id            VARCHAR(40)    NOT NULL,
    widget_id             VARCHAR(40)    NOT NULL,
    business_id           VARCHAR(64)    NOT NULL,
    amount                VARCHAR(32)    NOT NULL,
    amount_value          DECIMAL(65,30) NOT NULL,
    currency              VARCHAR(8)     NOT NULL,
    network               VARCHAR(66)    NOT NULL,
    currency_address      VARCHAR(66)    NOT NULL,
    deposit_address       VARCHAR(128)   NOT NULL,
    customer_email        VARCHAR(128)   NULL,
    customer_reference    VARCHAR(128)   NULL,
    metadata              TEXT           NULL,
    status                VARCHAR(16)    NOT NULL,
    tx_id                 VARCHAR(128)   NULL,
    amount_received       VARCHAR(32)    NULL,
    amount_received_value DECIMAL(65,30) NULL,
    late_payment          BOOLEAN        NOT NULL,
    created_at            DATETIME(3)    NOT NULL,
    expires_at            DATETIME(3)    NOT NULL,
    confirmed_at          DATETIME(3)    NULL,
    cancelled_at          DATETIME(3)    NULL,
    last_sequence         BIGINT         NOT NULL,
    version               BIGINT         NOT NULL,
    -- sessions.find, sessions.findForUpdate, sessions.update, sessions.cursor
    PRIMARY KEY (session_id),
    CONSTRAINT deposit_sessions_widget FOREIGN KEY (widget_id) REFERENCES widgets (widget_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- sessions.listByWidget without a status filter, newest first (and the foreign key to widgets)
CREATE INDEX deposit_sessions_widget_created ON deposit_sessions (widget_id, created_at, session_id);
-- sessions.listByWidget with a status filter, newest first
CREATE INDEX deposit_sessions_widget_status_created ON deposit_sessions (widget_id, status, created_at, session_id);
-- sessions.claimDueForExpiry: CREATED sessions by expiry
CREATE INDEX deposit_sessions_status_expires ON deposit_sessions (status, expires_at);

-- Every observation ever reported, whatever it did.
CREATE TABLE observations (
    observation_id        VARCHAR(128)   NOT NULL,
    session_id            VARCHAR(40)    NOT NULL,
    kind                  VARCHAR(16)    NOT NULL,
    tx_id                 VARCHAR(128)   NULL,
    amount_received       VARCHAR(32)    NULL,
    amount_received_value DECIMAL(65,30) NULL,
    confirmations         BIGINT         NULL,
    observed_at           DATETIME(3)    NOT NULL,
    outcome               VARCHAR(16)    NOT NULL,
    recorded_at           DATETIME(3)    NOT NULL,
    -- observations.find, and observations.insert refusing a repeated id
    PRIMARY KEY (observation_id),
    CONSTRAINT observations_session FOREIGN KEY (session_id) REFERENCES deposit_sessions (session_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- no repository query: the foreign key to deposit_sessions needs it, and it answers "what was seen for a session"
CREATE INDEX observations_session ON observations (session_id, observed_at);

-- The transactional outbox and the events feed in one table: each row is one event and the session
-- right after it. Lease columns hand a row to one relay instance at a time; feed_position is set
-- after commit, in commit order, by the sequencer below.
CREATE TABLE outbox_events (
    event_id              VARCHAR(40)    NOT NULL,
    sequence              BIGINT         NOT NULL,
    previous_status       VARCHAR(16)    NULL,
    occurred_at           DATETIME(3)    NOT NULL,
    session_id            VARCHAR(40)    NOT NULL,
    widget_id             VARCHAR(40)    NOT NULL,
    business_id           VARCHAR(64)    NOT NULL,
    amount                VARCHAR(32)    NOT NULL,
    amount_value          DECIMAL(65,30) NOT NULL,
    currency              VARCHAR(8)     NOT NULL,
    network               VARCHAR(66)    NOT NULL,
    currency_address      VARCHAR(66)    NOT NULL,
    deposit_address       VARCHAR(128)   NOT NULL,
    customer_email        VARCHAR(128)   NULL,
    customer_reference    VARCHAR(128)   NULL,
    metadata              TEXT           NULL,
    status                VARCHAR(16)    NOT NULL,
    tx_id                 VARCHAR(128)   NULL,
    amount_received       VARCHAR(32)    NULL,
    amount_received_value DECIMAL(65,30) NULL,
    late_payment          BOOLEAN        NOT NULL,
    created_at            DATETIME(3)    NOT NULL,
    expires_at            DATETIME(3)    NOT NULL,
    confirmed_at          DATETIME(3)    NULL,
    cancelled_at          DATETIME(3)    NULL,
    last_sequence         BIGINT         NOT NULL,
    version               BIGINT         NOT NULL,
    published_at          DATETIME(3)    NULL,
    lease_owner           VARCHAR(64)    NULL,
    lease_until           DATETIME(3)    NULL,
    -- the order rows were appended in, the feed's order among events committed since its last pass
    append_order          BIGINT         NOT NULL AUTO_INCREMENT,
    feed_position         BIGINT         NULL,
    -- outbox.lease, outbox.markPublished, outbox.release, feed.position, feed.positionOf
    PRIMARY KEY (event_id),
    -- feed.unpositioned: oldest first (MySQL wants an AUTO_INCREMENT column indexed in the CREATE TABLE)
    CONSTRAINT outbox_events_append_order UNIQUE (append_order),
    CONSTRAINT outbox_events_session FOREIGN KEY (session_id) REFERENCES deposit_sessions (session_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- outbox.append keeps a session's sequence gap-free and unique; outbox.claimUnpublished looks up a
-- session's earlier unpublished events (and the foreign key to deposit_sessions)
CREATE UNIQUE INDEX outbox_events_session_sequence ON outbox_events (session_id, sequence);
-- outbox.claimUnpublished, outbox.backlog (unpublished, oldest first) and outbox.prunePublishedBefore
CREATE INDEX outbox_events_published_occurred ON outbox_events (published_at, occurred_at);
-- feed.unpositioned (rows still without a position) and feed.list (positions after the cursor)
CREATE UNIQUE INDEX outbox_events_feed_position ON outbox_events (feed_position);
-- feed.listForBusiness: a business's events after a position
CREATE INDEX outbox_events_business_position ON outbox_events (business_id, feed_position);

-- A single row holding the last feed position handed out; locking it serialises position assignment.
CREATE TABLE feed_sequencer (
    sequencer_id  INT    NOT NULL,
    last_position BIGINT NOT NULL,
    -- feed.lockSequencer, feed.advance
    PRIMARY KEY (sequencer_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT INTO feed_sequencer (sequencer_id, last_position) VALUES (1, 0);

-- Create-session requests by Idempotency-Key. The key is stored as its SHA-256, which fits any
-- index and compares exactly whatever the collation pads or folds.
CREATE TABLE idempotency_records (
    widget_id   VARCHAR(40)  NOT NULL,
    key_digest  CHAR(64)     NOT NULL,
    fingerprint VARCHAR(128) NOT NULL,
    state       VARCHAR(16)  NOT NULL,
    claim_token CHAR(32)     NOT NULL,
    session_id  VARCHAR(40)  NULL,
    created_at  DATETIME(3)  NOT NULL,
    -- every idempotency statement: one record per (widget, key)
    PRIMARY KEY (widget_id, key_digest)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
