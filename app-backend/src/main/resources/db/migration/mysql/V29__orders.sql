-- issue 16: the checkout flow
CREATE TABLE customer_order (
    id          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id     VARCHAR(128)  NOT NULL,
    coupon_id   BIGINT        NULL,
    items       VARCHAR(4000) NOT NULL,
    state       VARCHAR(24)   NOT NULL,
    reason      VARCHAR(500)  NULL,
    amount      BIGINT        NULL,
    discount    BIGINT        NULL,
    created_at  DATETIME(6)   NOT NULL,
    updated_at  DATETIME(6)   NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
CREATE INDEX ix_customer_order_state ON customer_order (state);

CREATE TABLE order_history (
    id        BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    order_id  BIGINT       NOT NULL,
    state     VARCHAR(24)  NOT NULL,
    at        DATETIME(6)  NOT NULL,
    note      VARCHAR(500) NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
CREATE INDEX ix_order_history_order ON order_history (order_id, id);

-- the simulated gateway's charges: one per order, refunded at most once
CREATE TABLE order_payment (
    order_id    BIGINT      PRIMARY KEY,
    status      VARCHAR(16) NOT NULL,
    amount      BIGINT      NOT NULL,
    charged_at  DATETIME(6) NOT NULL,
    refunded_at DATETIME(6) NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
