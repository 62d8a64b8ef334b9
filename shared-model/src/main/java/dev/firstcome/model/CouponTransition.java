package dev.firstcome.model;

import java.time.Instant;

/** One change of a coupon's status: who made it, when, and for which order (null when none). */
public record CouponTransition(CouponStatus from, CouponStatus to, String actor, Instant at, String orderId) {}
