-- One row per order notice claimed (issue 16: a notice at each step of the checkout flow): the notification
-- consumer claims (order, state) before sending, so a redelivered step event never sends twice; a failed send
-- deletes its claim so the redelivery sends it.
CREATE TABLE order_notice (
    order_id   BIGINT      NOT NULL,
    state      VARCHAR(16) NOT NULL,
    claimed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (order_id, state)
);
