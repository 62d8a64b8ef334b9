-- issue 16: a coupon's status (redemption's own table, one row per issued coupon; the coupon row is issuance's)
CREATE TABLE coupon_state (
    coupon_id          BIGINT       PRIMARY KEY,
    event_id           BIGINT       NOT NULL,
    user_id            VARCHAR(128) NOT NULL,
    status             VARCHAR(16)  NOT NULL,
    issued_at          TIMESTAMPTZ  NOT NULL,
    expires_at         TIMESTAMPTZ  NULL,
    benefit_type       VARCHAR(16)  NULL,
    benefit_amount_off BIGINT       NULL,
    benefit_percent    INTEGER      NULL,
    benefit_max        BIGINT       NULL,
    benefit_min_order  BIGINT       NULL,
    vendor_id          BIGINT       NULL,
    order_id           VARCHAR(64)  NULL,
    order_amount       BIGINT       NULL,
    discount           BIGINT       NULL,
    redemption_id      VARCHAR(80)  NULL,
    vendor_cost        BIGINT       NULL,
    redeemed_at        TIMESTAMPTZ  NULL,
    redemptions        INTEGER      NOT NULL DEFAULT 0,
    updated_at         TIMESTAMPTZ  NOT NULL
);
CREATE INDEX ix_coupon_state_expiry ON coupon_state (status, expires_at);
CREATE INDEX ix_coupon_state_event ON coupon_state (event_id, status);

CREATE TABLE coupon_transition (
    id          BIGSERIAL PRIMARY KEY,
    coupon_id   BIGINT       NOT NULL,
    from_status VARCHAR(16)  NULL,
    to_status   VARCHAR(16)  NOT NULL,
    actor       VARCHAR(160) NOT NULL,
    at          TIMESTAMPTZ  NOT NULL,
    order_id    VARCHAR(64)  NULL
);
CREATE INDEX ix_coupon_transition_coupon ON coupon_transition (coupon_id, id);

-- the answer given to an Idempotency-Key, replayed to every retry with the same key
CREATE TABLE redemption_request (
    coupon_id       BIGINT        NOT NULL,
    idempotency_key VARCHAR(128)  NOT NULL,
    order_id        VARCHAR(64)   NOT NULL,
    order_amount    BIGINT        NOT NULL,
    outcome         VARCHAR(32)   NOT NULL,
    discount        BIGINT        NULL,
    redeemed_at     TIMESTAMPTZ   NULL,
    detail          VARCHAR(1000) NULL,
    created_at      TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (coupon_id, idempotency_key)
);
