-- issue 16: what an event's coupons are worth, how long they last, and who funds them
CREATE TABLE vendor (
    id                  BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name                VARCHAR(200) NOT NULL,
    cost_per_redemption BIGINT       NOT NULL,
    created_at          DATETIME(6)  NOT NULL,
    updated_at          DATETIME(6)  NOT NULL,
    CONSTRAINT uk_vendor_name UNIQUE (name),
    CONSTRAINT ck_vendor_cost CHECK (cost_per_redemption >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

ALTER TABLE coupon_event
    ADD COLUMN benefit_type       VARCHAR(16) NULL,
    ADD COLUMN benefit_amount_off BIGINT      NULL,
    ADD COLUMN benefit_percent    INT         NULL,
    ADD COLUMN benefit_max        BIGINT      NULL,
    ADD COLUMN benefit_min_order  BIGINT      NULL,
    ADD COLUMN valid_until        DATE        NULL,
    ADD COLUMN valid_days         INT         NULL,
    ADD COLUMN vendor_id          BIGINT      NULL;
