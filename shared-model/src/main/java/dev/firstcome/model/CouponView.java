package dev.firstcome.model;

import java.time.Instant;

/** A persisted coupon as its owner sees it. */
public record CouponView(long eventId, String userId, long rank, Instant admittedAt, Instant persistedAt) {}
