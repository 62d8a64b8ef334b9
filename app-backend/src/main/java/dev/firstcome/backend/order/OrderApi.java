package dev.firstcome.backend.order;

import dev.firstcome.model.OrderItem;
import dev.firstcome.model.OrderState;
import dev.firstcome.model.OrderView;
import java.util.List;
import java.util.Map;

/**
 * The checkout flow: an order is created, then its stock reserved (Redis, one atomic script), its coupon
 * redeemed, paid (simulated gateway) and shipped, each step an event on Kafka consumed by its own group;
 * a failure ends the order FAILED with its reason and compensates in reverse (refund, release the coupon,
 * return the stock). Failures: {@link OrderNotFoundException}, {@code InvalidRequestException}.
 */
public interface OrderApi {

    default OrderView place(String userId, List<OrderItem> items, Long couponId) {
        return place(userId, items, couponId, null);
    }

    /**
     * Places the order once per customer and {@code idempotencyKey} (null: no key, every call places one): a
     * retry with the key answers the order the first call placed, the key with other items or another coupon is
     * refused ({@code IdempotencyKeyReusedException}, 422).
     */
    OrderView place(String userId, List<OrderItem> items, Long couponId, String idempotencyKey);

    /** The order, if it is this customer's ({@code userId} null: any customer's, for operators). */
    OrderView find(long orderId, String userId);

    /** Orders per state. */
    Map<OrderState, Long> countByState();

    /** Sets a SKU's stock and unit price (minor units). */
    void setStock(String sku, long stock, long price);

    /** A SKU's stock now, or -1 when it is unknown. */
    long stock(String sku);
}
