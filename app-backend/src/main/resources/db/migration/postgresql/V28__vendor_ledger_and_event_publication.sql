-- issue 16: Spring Modulith's event publication registry (JDBC, schema v2 of spring-modulith-events-jdbc
-- 2.1.1; its own schema initialisation is off): the ledger entries' transactional outbox
CREATE TABLE event_publication (
    id                     UUID NOT NULL,
    listener_id            TEXT NOT NULL,
    event_type             TEXT NOT NULL,
    serialized_event       TEXT NOT NULL,
    publication_date       TIMESTAMP WITH TIME ZONE NOT NULL,
    completion_date        TIMESTAMP WITH TIME ZONE,
    status                 TEXT,
    completion_attempts    INT,
    last_resubmission_date TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (id)
);
CREATE INDEX event_publication_serialized_event_hash_idx ON event_publication USING hash (serialized_event);
CREATE INDEX event_publication_by_completion_date_idx ON event_publication (completion_date);

-- the vendor ledger: append-only, one entry per redemption and kind, so a replay never pays twice
CREATE TABLE vendor_ledger (
    id            BIGSERIAL PRIMARY KEY,
    vendor_id     BIGINT       NOT NULL,
    redemption_id VARCHAR(80)  NOT NULL,
    kind          VARCHAR(16)  NOT NULL,
    amount        BIGINT       NOT NULL,
    coupon_id     BIGINT       NOT NULL,
    event_id      BIGINT       NOT NULL,
    order_id      VARCHAR(64)  NOT NULL,
    occurred_at   TIMESTAMPTZ  NOT NULL,
    recorded_at   TIMESTAMPTZ  NOT NULL,
    CONSTRAINT uk_vendor_ledger_redemption UNIQUE (redemption_id, kind)
);
CREATE INDEX ix_vendor_ledger_vendor ON vendor_ledger (vendor_id, occurred_at);
