CREATE TABLE coupon_event (
    id               BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name             VARCHAR(200) NOT NULL,
    total_quantity   INT          NOT NULL,
    daily_quantity   INT          NULL,
    daily_open_time  TIME         NULL,
    daily_close_time TIME         NULL,
    starts_at        DATETIME(6)  NOT NULL,
    ends_at          DATETIME(6)  NOT NULL,
    zone_id          VARCHAR(64)  NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    lab              BOOLEAN      NOT NULL DEFAULT FALSE,
    strategy         VARCHAR(32)  NOT NULL DEFAULT 'lua',
    created_at       DATETIME(6)  NOT NULL,
    updated_at       DATETIME(6)  NOT NULL,
    version          BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT ck_event_total CHECK (total_quantity > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE coupon (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    event_id     BIGINT       NOT NULL,
    user_id      VARCHAR(128) NOT NULL,
    `rank`       BIGINT       NOT NULL,
    admission_id BIGINT       NOT NULL,
    day          DATE         NOT NULL,
    admitted_at  DATETIME(6)  NOT NULL,
    persisted_at DATETIME(6)  NOT NULL,
    notified_at  DATETIME(6)  NULL,
    CONSTRAINT uk_coupon_event_user UNIQUE (event_id, user_id),
    INDEX ix_coupon_user (user_id),
    INDEX ix_coupon_event_day (event_id, day)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE failed_issue (
    id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    event_id         BIGINT        NOT NULL,
    user_id          VARCHAR(128)  NOT NULL,
    `rank`           BIGINT        NOT NULL,
    admission_id     BIGINT        NOT NULL,
    day              DATE          NOT NULL,
    admitted_at      DATETIME(6)   NOT NULL,
    reason           VARCHAR(1000) NOT NULL,
    attempts         INT           NOT NULL,
    first_failed_at  DATETIME(6)   NOT NULL,
    last_failed_at   DATETIME(6)   NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    resolved_at      DATETIME(6)   NULL,
    CONSTRAINT uk_failed_issue_event_user UNIQUE (event_id, user_id),
    INDEX ix_failed_issue_status (status, event_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE reissue_audit (
    id             BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    at             DATETIME(6)  NOT NULL,
    operator       VARCHAR(128) NOT NULL,
    trigger_source VARCHAR(16)  NOT NULL,
    dry_run        BOOLEAN      NOT NULL,
    requested      INT          NOT NULL,
    persisted      INT          NOT NULL,
    skipped        INT          NOT NULL,
    still_failing  INT          NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
