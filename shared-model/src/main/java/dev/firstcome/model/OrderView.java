package dev.firstcome.model;

import java.time.Instant;
import java.util.List;

/**
 * An order of the checkout flow: its items, coupon, state ({@code reason} when FAILED), the amount
 * (known once the stock is reserved) and discount (once the coupon is redeemed), and its history.
 */
public record OrderView(
        long id,
        String userId,
        List<OrderItem> items,
        Long couponId,
        OrderState state,
        String reason,
        Long amount,
        Long discount,
        Instant createdAt,
        List<OrderStep> history) {}
