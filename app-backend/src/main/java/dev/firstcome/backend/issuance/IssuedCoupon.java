package dev.firstcome.backend.issuance;

import java.time.Instant;

/** A coupon row as other features read it: its id (the coupon's id in the API), owner and issue times. */
public record IssuedCoupon(
        long couponId, long eventId, String userId, long rank, Instant admittedAt, Instant persistedAt) {}
