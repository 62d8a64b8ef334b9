package dev.firstcome.backend.order;

import dev.firstcome.backend.admission.UserIds;
import dev.firstcome.backend.infra.FirstComeNames;
import dev.firstcome.backend.infra.web.InvalidRequestException;
import dev.firstcome.backend.redemption.CouponNotFoundException;
import dev.firstcome.backend.redemption.IdempotencyKeyReusedException;
import dev.firstcome.backend.redemption.RedemptionApi;
import dev.firstcome.backend.redemption.RedemptionRefusedException;
import dev.firstcome.model.OrderItem;
import dev.firstcome.model.OrderState;
import dev.firstcome.model.OrderView;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Orders and the steps of their flow. Each step acts idempotently (the stock script reserves once per
 * order, the coupon is redeemed with the order's own Idempotency-Key, the charge is stored once per order)
 * and then moves the order from the state it expects to the next one in one transaction that also
 * publishes the next step; a replayed step finds the order moved on and does nothing more.
 */
@Service
class OrderService implements OrderApi {

    private static final Logger log = LoggerFactory.getLogger(OrderService.class);
    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,128}");
    static final int MAX_ITEMS = 50;
    static final int MAX_QUANTITY = 10_000;

    private final OrderRepository orders;
    private final StockStore stock;
    private final RedemptionApi redemption;
    private final PaymentGateway gateway;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher publisher;
    private final FirstComeNames names;
    private final Clock clock;

    OrderService(
            OrderRepository orders,
            StockStore stock,
            RedemptionApi redemption,
            PaymentGateway gateway,
            TransactionTemplate tx,
            ApplicationEventPublisher publisher,
            FirstComeNames names,
            Clock clock) {
        this.orders = orders;
        this.stock = stock;
        this.redemption = redemption;
        this.gateway = gateway;
        this.tx = tx;
        this.publisher = publisher;
        this.names = names;
        this.clock = clock;
    }

    @Override
    public OrderView place(String userId, List<OrderItem> items, Long couponId, String idempotencyKey) {
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw new InvalidRequestException(
                    "Idempotency-Key", "Idempotency-Key must be 1 to 128 printable ASCII characters");
        }
        if (userId == null) {
            throw new InvalidRequestException("userId", "userId is required");
        }
        UserIds.require(userId);
        if (items == null || items.isEmpty() || items.size() > MAX_ITEMS) {
            throw new InvalidRequestException("items", "items must hold 1 to " + MAX_ITEMS + " lines");
        }
        var skus = new HashSet<String>();
        for (int i = 0; i < items.size(); i++) {
            OrderItem item = items.get(i);
            if (item == null || item.sku() == null || !SKU.matcher(item.sku()).matches()) {
                throw new InvalidRequestException(
                        "items[" + i + "].sku", "sku is required: 1 to 64 characters of A-Z a-z 0-9 . _ -");
            }
            if (item.quantity() == null || item.quantity() < 1 || item.quantity() > MAX_QUANTITY) {
                throw new InvalidRequestException(
                        "items[" + i + "].quantity", "quantity must be between 1 and " + MAX_QUANTITY);
            }
            if (!skus.add(item.sku())) {
                throw new InvalidRequestException("items[" + i + "].sku", "each sku may appear once");
            }
        }
        if (couponId != null) {
            redemption.coupon(couponId, userId); // 404 unless it is this customer's coupon
        }
        String fingerprint = idempotencyKey == null ? null : fingerprint(items, couponId);
        if (idempotencyKey != null) {
            var placed = orders.request(userId, idempotencyKey);
            if (placed.isPresent()) {
                return replay(placed.get(), fingerprint, userId);
            }
        }
        Instant now = now();
        long id;
        try {
            id = tx.execute(status -> {
                long orderId = orders.insert(userId, couponId, items, now);
                orders.history(orderId, OrderState.CREATED, now, null);
                if (idempotencyKey != null) {
                    orders.saveRequest(userId, idempotencyKey, fingerprint, orderId, now);
                }
                publisher.publishEvent(reached(orderId, OrderState.CREATED));
                return orderId;
            });
        } catch (DuplicateKeyException e) {
            // the same key placed concurrently: that order won, this one was rolled back with its event
            var placed = idempotencyKey == null ? null : orders.request(userId, idempotencyKey);
            if (placed == null || placed.isEmpty()) {
                throw e;
            }
            return replay(placed.get(), fingerprint, userId);
        }
        return find(id, userId);
    }

    /** The order a key placed, unless the key now asks for another order (422). */
    private OrderView replay(OrderRepository.PlacedRequest placed, String fingerprint, String userId) {
        if (!placed.fingerprint().equals(fingerprint)) {
            throw new IdempotencyKeyReusedException("This Idempotency-Key placed order " + placed.orderId()
                    + " with other items or another coupon; use a new key for a new order");
        }
        return find(placed.orderId(), userId);
    }

    /** What an order asks for (its lines in order, its coupon), as a SHA-256 hex. */
    static String fingerprint(List<OrderItem> items, Long couponId) {
        var text = new StringBuilder(couponId == null ? "-" : couponId.toString());
        for (OrderItem item : items) {
            text.append('|').append(item.sku()).append(':').append(item.quantity());
        }
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public OrderView find(long orderId, String userId) {
        OrderRow row = orders.find(orderId)
                .filter(o -> userId == null || o.userId().equals(userId))
                .orElseThrow(() -> new OrderNotFoundException(orderId));
        return new OrderView(
                row.id(),
                row.userId(),
                row.items(),
                row.couponId(),
                row.state(),
                row.reason(),
                row.amount(),
                row.discount(),
                row.createdAt(),
                orders.history(orderId));
    }

    @Override
    public Map<OrderState, Long> countByState() {
        return orders.countByState();
    }

    @Override
    public void setStock(String sku, long units, long price) {
        if (sku == null || !SKU.matcher(sku).matches()) {
            throw new InvalidRequestException("sku", "sku must be 1 to 64 characters of A-Z a-z 0-9 . _ -");
        }
        if (units < 0 || units > 1_000_000_000L) {
            throw new InvalidRequestException("stock", "stock must be between 0 and 1000000000");
        }
        if (price < 0 || price > 10_000_000_000L) {
            throw new InvalidRequestException("price", "price must be between 0 and 10000000000 (minor units)");
        }
        stock.set(sku, units, price);
    }

    @Override
    public long stock(String sku) {
        return stock.stock(sku);
    }

    // ---- the steps (each called by its own consumer group) -------------------------------------------

    void reserveStock(long orderId) {
        OrderRow o = expect(orderId, OrderState.CREATED);
        if (o == null) {
            return;
        }
        StockStore.Reservation r = stock.reserve(orderId, o.items());
        if (r.reserved()) {
            advance(o, OrderState.STOCK_RESERVED, r.amount(), null, null);
        } else {
            fail(o, r.refusal());
        }
    }

    void redeemCoupon(long orderId) {
        OrderRow o = expect(orderId, OrderState.STOCK_RESERVED);
        if (o == null) {
            return;
        }
        if (o.couponId() == null) {
            advance(o, OrderState.COUPON_REDEEMED, null, 0L, "no coupon");
            return;
        }
        try {
            long discount = redemption
                    .redeem(
                            o.couponId(),
                            o.userId(),
                            orderRef(orderId),
                            o.amount(),
                            orderRef(orderId),
                            "order:" + orderId)
                    .discount();
            advance(o, OrderState.COUPON_REDEEMED, null, discount, "coupon " + o.couponId());
        } catch (RedemptionRefusedException e) {
            fail(o, "COUPON_" + e.reason() + ": " + e.getMessage());
        } catch (CouponNotFoundException e) {
            fail(o, "COUPON_NOT_FOUND");
        }
    }

    void pay(long orderId) {
        OrderRow o = expect(orderId, OrderState.COUPON_REDEEMED);
        if (o == null) {
            return;
        }
        long due = o.amount() - (o.discount() == null ? 0 : o.discount());
        // a replay finds the stored charge and never calls the gateway again; after a crash between the
        // gateway's answer and this insert it asks again with the same idempotency key (the order), and the
        // gateway answers what it recorded the first time without charging twice
        String stored = orders.paymentStatus(orderId);
        if (stored == null) {
            boolean accepted = gateway.charge(orderRef(orderId), due);
            stored = tx.execute(status ->
                    orders.charge(orderId, accepted ? PaymentGateway.CHARGED : PaymentGateway.DECLINED, due, now()));
        }
        boolean charged = !PaymentGateway.DECLINED.equals(stored);
        if (charged) {
            advance(o, OrderState.PAID, null, null, "charged " + due);
        } else {
            fail(o, "PAYMENT_DECLINED");
        }
    }

    void ship(long orderId) {
        OrderRow o = expect(orderId, OrderState.PAID);
        if (o != null) {
            advance(o, OrderState.SHIPPED, null, null, null);
        }
    }

    /** Compensates a failed order in reverse: refund, release the coupon, return the stock (each once). */
    void compensate(long orderId) {
        OrderRow o = orders.find(orderId).orElse(null);
        if (o == null || o.state() != OrderState.FAILED) {
            return;
        }
        Instant now = now();
        if (tx.execute(status -> orders.refund(orderId, now))) {
            orders.history(orderId, OrderState.FAILED, now, "refunded");
        }
        if (o.couponId() != null) {
            try {
                redemption.release(o.couponId(), o.userId(), orderRef(orderId), "order:" + orderId);
            } catch (RedemptionRefusedException e) {
                log.debug("Order {}: coupon {} was not redeemed by it", orderId, o.couponId());
            }
        }
        if (stock.giveBack(orderId)) {
            orders.history(orderId, OrderState.FAILED, now(), "stock returned");
        }
    }

    private OrderRow expect(long orderId, OrderState state) {
        return orders.find(orderId).filter(o -> o.state() == state).orElse(null);
    }

    private void advance(OrderRow o, OrderState to, Long amount, Long discount, String note) {
        Instant now = now();
        tx.executeWithoutResult(status -> {
            if (orders.move(o.id(), o.state(), to, amount, discount, null, now)) {
                orders.history(o.id(), to, now, note);
                publisher.publishEvent(reached(o.id(), to));
            }
        });
    }

    private void fail(OrderRow o, String reason) {
        Instant now = now();
        String shortReason = reason.length() > 480 ? reason.substring(0, 480) : reason;
        tx.executeWithoutResult(status -> {
            if (orders.move(o.id(), o.state(), OrderState.FAILED, null, null, shortReason, now)) {
                orders.history(o.id(), OrderState.FAILED, now, shortReason);
                publisher.publishEvent(reached(o.id(), OrderState.FAILED));
            }
        });
    }

    /** The step event, bound for this server's orders topic whoever sends it. */
    private OrderStepReached reached(long orderId, OrderState state) {
        return new OrderStepReached(orderId, state.name(), names.ordersTopic());
    }

    static String orderRef(long orderId) {
        return "order-" + orderId;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
