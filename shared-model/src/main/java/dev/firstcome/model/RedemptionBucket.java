package dev.firstcome.model;

import java.time.Instant;

/**
 * One bucket of an event's redemption timeline, from {@code start} to the next bucket's start: coupons
 * redeemed, released (given back by the order that redeemed them) and expired in it.
 */
public record RedemptionBucket(Instant start, long redeemed, long released, long expired) {}
