package dev.firstcome.backend.order;

import dev.firstcome.model.FailedOrderView;
import java.util.List;
import java.util.Map;

/** Operators' read-only view of the checkout flow's failures (the console's Orders tab, the admin API). */
public interface OrderAdminApi {

    /** The most recent {@code limit} (1..500) failed orders, the last to fail first. */
    List<FailedOrderView> failed(int limit);

    /**
     * Failed orders per cause, most frequent first: the reason's code before its first {@code ':'}
     * ({@code OUT_OF_STOCK}, {@code UNKNOWN_SKU}, {@code COUPON_EXPIRED}, {@code PAYMENT_DECLINED}, ...).
     */
    Map<String, Long> failureCauses();
}
