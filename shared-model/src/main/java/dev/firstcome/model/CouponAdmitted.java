package dev.firstcome.model;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Kafka record (topic coupon-admitted, key = eventId): Redis admitted this user. Every such record
 * whose {@code admissionId} is not revoked must end as exactly one coupon row.
 */
public record CouponAdmitted(
        long eventId, String userId, long rank, long admissionId, LocalDate day, Instant admittedAt) {}
