package dev.firstcome.model;

import java.time.LocalDate;

/**
 * How long a coupon can be redeemed: until the end of {@code until} (a date in the event's zone), or
 * {@code daysAfterIssue} days after it was issued (same local time, in the event's zone). Exactly one is
 * set; no validity at all means the coupon never expires.
 */
public record CouponValidity(LocalDate until, Integer daysAfterIssue) {}
