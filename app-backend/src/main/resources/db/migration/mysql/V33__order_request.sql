-- POST /api/orders with an Idempotency-Key: the order a customer's key created, and a fingerprint of what was
-- asked (items and coupon), so a retry gets the same order and the key reused for another order is refused.
CREATE TABLE order_request (
    user_id         VARCHAR(128) NOT NULL,
    idempotency_key VARCHAR(128) NOT NULL,
    fingerprint     VARCHAR(64)  NOT NULL,
    order_id        BIGINT       NOT NULL,
    created_at      DATETIME(6) NOT NULL,
    PRIMARY KEY (user_id, idempotency_key)
);
