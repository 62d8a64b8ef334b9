package dev.firstcome.backend.redemption;

import java.time.Instant;

/** The answer once given to an {@code Idempotency-Key} for a coupon, replayed to every retry with it. */
record RedemptionRecord(
        String orderId, long orderAmount, String outcome, Long discount, Instant redeemedAt, String detail) {}
