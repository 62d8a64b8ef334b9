-- issue 16: what an event's coupons are worth, how long they last, and who funds them
CREATE TABLE vendor (
    id                  BIGSERIAL PRIMARY KEY,
    name                VARCHAR(200) NOT NULL,
    cost_per_redemption BIGINT       NOT NULL CHECK (cost_per_redemption >= 0),
    created_at          TIMESTAMPTZ  NOT NULL,
    updated_at          TIMESTAMPTZ  NOT NULL,
    CONSTRAINT uk_vendor_name UNIQUE (name)
);

ALTER TABLE coupon_event
    ADD COLUMN benefit_type       VARCHAR(16) NULL,
    ADD COLUMN benefit_amount_off BIGINT      NULL,
    ADD COLUMN benefit_percent    INTEGER     NULL,
    ADD COLUMN benefit_max        BIGINT      NULL,
    ADD COLUMN benefit_min_order  BIGINT      NULL,
    ADD COLUMN valid_until        DATE        NULL,
    ADD COLUMN valid_days         INTEGER     NULL,
    ADD COLUMN vendor_id          BIGINT      NULL;
