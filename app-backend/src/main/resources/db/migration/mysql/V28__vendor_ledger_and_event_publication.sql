-- issue 16: Spring Modulith's event publication registry (JDBC, schema v2 of spring-modulith-events-jdbc
-- 2.1.1, which names the table in upper case; its own schema initialisation is off): the ledger entries'
-- transactional outbox
CREATE TABLE EVENT_PUBLICATION (
    ID                     VARCHAR(36)   NOT NULL,
    LISTENER_ID            VARCHAR(512)  NOT NULL,
    EVENT_TYPE             VARCHAR(512)  NOT NULL,
    SERIALIZED_EVENT       VARCHAR(4000) NOT NULL,
    PUBLICATION_DATE       TIMESTAMP(6)  NOT NULL,
    COMPLETION_DATE        TIMESTAMP(6)  NULL DEFAULT NULL,
    STATUS                 VARCHAR(20),
    COMPLETION_ATTEMPTS    INT,
    LAST_RESUBMISSION_DATE TIMESTAMP(6)  NULL DEFAULT NULL,
    PRIMARY KEY (ID),
    INDEX EVENT_PUBLICATION_BY_COMPLETION_DATE_IDX (COMPLETION_DATE)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- the vendor ledger: append-only, one entry per redemption and kind, so a replay never pays twice
CREATE TABLE vendor_ledger (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    vendor_id     BIGINT       NOT NULL,
    redemption_id VARCHAR(80)  NOT NULL,
    kind          VARCHAR(16)  NOT NULL,
    amount        BIGINT       NOT NULL,
    coupon_id     BIGINT       NOT NULL,
    event_id      BIGINT       NOT NULL,
    order_id      VARCHAR(64)  NOT NULL,
    occurred_at   DATETIME(6)  NOT NULL,
    recorded_at   DATETIME(6)  NOT NULL,
    CONSTRAINT uk_vendor_ledger_redemption UNIQUE (redemption_id, kind),
    INDEX ix_vendor_ledger_vendor (vendor_id, occurred_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
