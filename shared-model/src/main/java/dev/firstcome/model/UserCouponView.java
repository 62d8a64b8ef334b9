package dev.firstcome.model;

import java.time.Instant;
import java.util.List;

/**
 * A coupon as its owner sees it: the issued coupon ({@code eventId .. persistedAt}, as {@link CouponView}),
 * its status, what it is worth, until when it can be redeemed ({@code expiresAt} null: never), the order
 * holding it (when REDEEMED) and the history of its status.
 */
public record UserCouponView(
        long couponId,
        long eventId,
        String userId,
        long rank,
        Instant admittedAt,
        Instant persistedAt,
        CouponStatus status,
        CouponBenefit benefit,
        Instant expiresAt,
        Long vendorId,
        String orderId,
        List<CouponTransition> history) {}
