package dev.firstcome.model;

import java.time.Instant;

/** Kafka record (notifications topic): a coupon row was committed; one notice goes to its owner. */
public record CouponPersisted(long eventId, String userId, long rank, long admissionId, Instant persistedAt) {}
