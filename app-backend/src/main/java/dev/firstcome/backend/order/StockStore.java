package dev.firstcome.backend.order;

import dev.firstcome.backend.infra.FirstComeNames;
import dev.firstcome.model.OrderItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Per-SKU stock in Redis ({@code <prefix>:sku:<sku>}: stock, price). An order's items are reserved all or
 * nothing by one script run (never below zero), at most once per order, and returned at most once.
 */
@Component
class StockStore {

    /** What a reservation answered: reserved (with the amount), or refused with the SKU's index. */
    record Reservation(boolean reserved, long amount, String refusal) {}

    private final StringRedisTemplate redis;
    private final FirstComeNames names;
    private final RedisScript<List> reserve;
    private final RedisScript<Long> giveBack;

    StockStore(StringRedisTemplate redis, FirstComeNames names, OrderScripts scripts) {
        this.redis = redis;
        this.names = names;
        this.reserve = scripts.reserve();
        this.giveBack = scripts.giveBack();
    }

    Reservation reserve(long orderId, List<OrderItem> items) {
        List<String> keys = new ArrayList<>();
        keys.add(orderKey(orderId));
        List<String> quantities = new ArrayList<>();
        for (OrderItem item : items) {
            keys.add(skuKey(item.sku()));
            quantities.add(Integer.toString(item.quantity()));
        }
        List<?> answer = redis.execute(reserve, keys, quantities.toArray());
        long code = ((Number) answer.get(0)).longValue();
        long value = ((Number) answer.get(1)).longValue();
        if (code == 1) {
            return new Reservation(true, value, null);
        }
        if (code == -2) {
            return new Reservation(false, 0, "the order was cancelled");
        }
        String sku = items.get((int) value - 1).sku();
        return new Reservation(false, 0, code == 0 ? "OUT_OF_STOCK: " + sku : "UNKNOWN_SKU: " + sku);
    }

    /** Returns the order's items to stock (no-op when not reserved or already returned). */
    boolean giveBack(long orderId) {
        Long n = redis.execute(giveBack, List.of(orderKey(orderId)));
        return n != null && n == 1;
    }

    void set(String sku, long stock, long price) {
        redis.opsForHash().putAll(skuKey(sku), Map.of("stock", Long.toString(stock), "price", Long.toString(price)));
    }

    long stock(String sku) {
        Object stock = redis.opsForHash().get(skuKey(sku), "stock");
        return stock == null ? -1 : Long.parseLong(stock.toString());
    }

    private String skuKey(String sku) {
        return names.keyPrefix() + ":sku:" + sku;
    }

    private String orderKey(long orderId) {
        return names.keyPrefix() + ":order:" + orderId + ":stock";
    }
}
