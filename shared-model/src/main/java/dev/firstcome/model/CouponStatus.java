package dev.firstcome.model;

/** Where a coupon stands after it was issued. */
public enum CouponStatus {
    ISSUED,
    REDEEMED,
    EXPIRED
}
