package dev.firstcome.desktop.testing;

import dev.firstcome.backend.order.OrderAdminApi;
import dev.firstcome.backend.order.OrderApi;
import dev.firstcome.model.FailedOrderView;
import dev.firstcome.model.OrderItem;
import dev.firstcome.model.OrderState;
import dev.firstcome.model.OrderView;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Order counts, failed orders and their causes as the test sets them (the console only reads orders). */
public final class FakeOrderApi implements OrderApi, OrderAdminApi {

    private volatile Map<OrderState, Long> counts = zero();
    private volatile List<FailedOrderView> failed = List.of();
    private volatile Map<String, Long> causes = Map.of();
    public volatile int lastLimit;

    public void setCounts(Map<OrderState, Long> value) {
        Map<OrderState, Long> all = zero();
        all.putAll(value);
        counts = all;
    }

    public void setFailed(List<FailedOrderView> value) {
        failed = List.copyOf(value);
    }

    public void setCauses(Map<String, Long> value) {
        causes = new LinkedHashMap<>(value);
    }

    @Override
    public Map<OrderState, Long> countByState() {
        return counts;
    }

    @Override
    public List<FailedOrderView> failed(int limit) {
        lastLimit = limit;
        return failed.stream().limit(limit).toList();
    }

    @Override
    public Map<String, Long> failureCauses() {
        return causes;
    }

    @Override
    public OrderView place(String userId, List<OrderItem> items, Long couponId, String idempotencyKey) {
        throw new UnsupportedOperationException("customers order, not the console");
    }

    @Override
    public OrderView find(long orderId, String userId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setStock(String sku, long stock, long price) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long stock(String sku) {
        return -1;
    }

    private static Map<OrderState, Long> zero() {
        Map<OrderState, Long> all = new EnumMap<>(OrderState.class);
        for (OrderState s : OrderState.values()) {
            all.put(s, 0L);
        }
        return all;
    }
}
