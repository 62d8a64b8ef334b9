package dev.firstcome.model;

import java.time.Instant;

/** The reversal of a {@link CouponRedeemed} (the order was cancelled): the vendor is no longer owed {@code cost}. */
public record CouponReleased(
        String redemptionId, long couponId, long eventId, long vendorId, long cost, String orderId, Instant at) {}
