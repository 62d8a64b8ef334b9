package dev.firstcome.model;

import java.time.Instant;

/**
 * A redemption of a vendor-funded coupon (one per redemption: {@code redemptionId} is unique). The vendor
 * is owed {@code cost}. Published through the event publication registry and externalised to Kafka.
 */
public record CouponRedeemed(
        String redemptionId, long couponId, long eventId, long vendorId, long cost, String orderId, Instant at) {}
