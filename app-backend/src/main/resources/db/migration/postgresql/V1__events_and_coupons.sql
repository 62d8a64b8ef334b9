CREATE TABLE coupon_event (
    id               BIGSERIAL PRIMARY KEY,
    name             VARCHAR(200) NOT NULL,
    total_quantity   INTEGER      NOT NULL CHECK (total_quantity > 0),
    daily_quantity   INTEGER      NULL CHECK (daily_quantity IS NULL OR daily_quantity > 0),
    daily_open_time  TIME         NULL,
    daily_close_time TIME         NULL,
    starts_at        TIMESTAMPTZ  NOT NULL,
    ends_at          TIMESTAMPTZ  NOT NULL,
    zone_id          VARCHAR(64)  NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    lab              BOOLEAN      NOT NULL DEFAULT FALSE,
    strategy         VARCHAR(32)  NOT NULL DEFAULT 'lua',
    created_at       TIMESTAMPTZ  NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL,
    version          BIGINT       NOT NULL DEFAULT 0
);

CREATE TABLE coupon (
    id           BIGSERIAL PRIMARY KEY,
    event_id     BIGINT       NOT NULL,
    user_id      VARCHAR(128) NOT NULL,
    rank         BIGINT       NOT NULL,
    admission_id BIGINT       NOT NULL,
    day          DATE         NOT NULL,
    admitted_at  TIMESTAMPTZ  NOT NULL,
    persisted_at TIMESTAMPTZ  NOT NULL,
    notified_at  TIMESTAMPTZ  NULL,
    CONSTRAINT uk_coupon_event_user UNIQUE (event_id, user_id)
);
CREATE INDEX ix_coupon_user ON coupon (user_id);
CREATE INDEX ix_coupon_event_day ON coupon (event_id, day);

CREATE TABLE failed_issue (
    id               BIGSERIAL PRIMARY KEY,
    event_id         BIGINT        NOT NULL,
    user_id          VARCHAR(128)  NOT NULL,
    rank             BIGINT        NOT NULL,
    admission_id     BIGINT        NOT NULL,
    day              DATE          NOT NULL,
    admitted_at      TIMESTAMPTZ   NOT NULL,
    reason           VARCHAR(1000) NOT NULL,
    attempts         INTEGER       NOT NULL,
    first_failed_at  TIMESTAMPTZ   NOT NULL,
    last_failed_at   TIMESTAMPTZ   NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    resolved_at      TIMESTAMPTZ   NULL,
    CONSTRAINT uk_failed_issue_event_user UNIQUE (event_id, user_id)
);
CREATE INDEX ix_failed_issue_status ON failed_issue (status, event_id);

CREATE TABLE reissue_audit (
    id             BIGSERIAL PRIMARY KEY,
    at             TIMESTAMPTZ  NOT NULL,
    operator       VARCHAR(128) NOT NULL,
    trigger_source VARCHAR(16)  NOT NULL,
    dry_run        BOOLEAN      NOT NULL,
    requested      INTEGER      NOT NULL,
    persisted      INTEGER      NOT NULL,
    skipped        INTEGER      NOT NULL,
    still_failing  INTEGER      NOT NULL
);
