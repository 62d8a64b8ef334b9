package dev.firstcome.backend.order;

import dev.firstcome.model.OrderItem;
import dev.firstcome.model.OrderState;
import java.time.Instant;
import java.util.List;

/** One row of {@code customer_order}. */
record OrderRow(
        long id,
        String userId,
        Long couponId,
        List<OrderItem> items,
        OrderState state,
        String reason,
        Long amount,
        Long discount,
        Instant createdAt) {}
