package dev.firstcome.model;

/** Where an order stands in the checkout flow; SHIPPED and FAILED are final. */
public enum OrderState {
    CREATED,
    STOCK_RESERVED,
    COUPON_REDEEMED,
    PAID,
    SHIPPED,
    FAILED
}
