-- The webhook sink's own state (adapters-webhooks), with its own schema history
-- (flyway_webhooks_history), so that its versions never interleave with the core schema's. It
-- references no other table: the sink follows the committed events through their feed positions
-- and copies what it sends into its deliveries, so pruning the outbox or a Kafka outage never
-- touches it.

-- Serialises endpoint creation per business, so that two racing creates cannot pass the limit of 10.
CREATE TABLE webhook_businesses (
    business_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (business_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE webhook_endpoints (
    endpoint_id           VARCHAR(40)    NOT NULL,
    business_id           VARCHAR(64)    NOT NULL,
    url                   VARCHAR(2048)  NOT NULL,
    description           VARCHAR(256)   NULL,
    -- space-separated event types
    events                VARCHAR(512)   NOT NULL,
    enabled               BOOLEAN        NOT NULL,
    disabled_reason       VARCHAR(16)    NULL,
    -- AES-GCM: 12-byte nonce, ciphertext and tag of the whsec_ text
    signing_secret        VARBINARY(256) NOT NULL,
    previous_secret       VARBINARY(256) NULL,
    previous_secret_until DATETIME(3)    NULL,
    -- the first failed attempt since the last success; five days of it disable the endpoint
    failing_since         DATETIME(3)    NULL,
    created_at            DATETIME(3)    NOT NULL,
    updated_at            DATETIME(3)    NOT NULL,
    deleted_at            DATETIME(3)    NULL,
    PRIMARY KEY (endpoint_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX webhook_endpoints_business_live ON webhook_endpoints (business_id, deleted_at, created_at);

-- One row per event and endpoint (and per redelivery or test). delivery_order is the order of
-- arrival: a session's deliveries to one endpoint leave in it. next_attempt_at is set on the one
-- delivery of an (endpoint, session) queue that may go next, NULL on those queued behind it and on
-- finished ones, so a claim reads due rows straight from an index and never checks order.
CREATE TABLE webhook_deliveries (
    delivery_order  BIGINT         NOT NULL AUTO_INCREMENT,
    delivery_id     VARCHAR(40)    NOT NULL,
    endpoint_id     VARCHAR(40)    NOT NULL,
    business_id     VARCHAR(64)    NOT NULL,
    event_id        VARCHAR(40)    NOT NULL,
    event_type      VARCHAR(32)    NOT NULL,
    session_id      VARCHAR(40)    NULL,
    body            MEDIUMTEXT     NOT NULL,
    status          VARCHAR(16)    NOT NULL,
    attempts        INT            NOT NULL,
    -- true while the endpoint is disabled: the delivery keeps its place but is not attempted
    held            BOOLEAN        NOT NULL,
    next_attempt_at DATETIME(3)    NULL,
    lease_owner     VARCHAR(64)    NULL,
    lease_until     DATETIME(3)    NULL,
    request_url     VARCHAR(2048)  NULL,
    response_code   INT            NULL,
    response_body   TEXT           NULL,
    last_attempt_at DATETIME(3)    NULL,
    created_at      DATETIME(3)    NOT NULL,
    PRIMARY KEY (delivery_order)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE UNIQUE INDEX webhook_deliveries_id ON webhook_deliveries (delivery_id);
-- deliveries.endpointsDue, deliveries.due
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (held, endpoint_id, next_attempt_at);
-- deliveries.queueTail, deliveries.promoteNext
CREATE INDEX webhook_deliveries_queue ON webhook_deliveries (endpoint_id, session_id, status, delivery_order);
-- deliveries.list, newest first
CREATE INDEX webhook_deliveries_business ON webhook_deliveries (business_id, delivery_order);

-- How far the sink has fanned the committed events out into deliveries (a feed position).
CREATE TABLE webhook_cursor (
    cursor_id     INT    NOT NULL,
    last_position BIGINT NOT NULL,
    PRIMARY KEY (cursor_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT INTO webhook_cursor (cursor_id, last_position) VALUES (1, 0);
