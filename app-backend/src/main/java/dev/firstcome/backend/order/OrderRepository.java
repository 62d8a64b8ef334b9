package dev.firstcome.backend.order;

import dev.firstcome.backend.infra.KafkaJson;
import dev.firstcome.model.OrderItem;
import dev.firstcome.model.OrderState;
import dev.firstcome.model.OrderStep;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** {@code customer_order}, {@code order_history}, {@code order_payment}: the same SQL on both dialects. */
@Repository
class OrderRepository {

    private final JdbcTemplate jdbc;

    OrderRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    long insert(String userId, Long couponId, List<OrderItem> items, Instant now) {
        var keys = new GeneratedKeyHolder();
        String json = KafkaJson.mapper().writeValueAsString(items);
        jdbc.update(
                c -> {
                    var ps = c.prepareStatement(
                            "INSERT INTO customer_order (user_id, coupon_id, items, state, created_at, updated_at)"
                                    + " VALUES (?, ?, ?, 'CREATED', ?, ?)",
                            new String[] {"id"});
                    ps.setString(1, userId);
                    ps.setObject(2, couponId);
                    ps.setString(3, json);
                    ps.setTimestamp(4, Timestamp.from(now));
                    ps.setTimestamp(5, Timestamp.from(now));
                    return ps;
                },
                keys);
        return keys.getKey().longValue();
    }

    /** The order a customer's Idempotency-Key placed: its fingerprint and order id. */
    Optional<PlacedRequest> request(String userId, String key) {
        return jdbc
                .query(
                        "SELECT fingerprint, order_id FROM order_request WHERE user_id = ? AND idempotency_key = ?",
                        (rs, i) -> new PlacedRequest(rs.getString(1), rs.getLong(2)),
                        userId,
                        key)
                .stream()
                .findFirst();
    }

    /** Records the key's order (in the order's transaction); a concurrent twin fails on the primary key. */
    void saveRequest(String userId, String key, String fingerprint, long orderId, Instant now) {
        jdbc.update(
                "INSERT INTO order_request (user_id, idempotency_key, fingerprint, order_id, created_at)"
                        + " VALUES (?, ?, ?, ?, ?)",
                userId,
                key,
                fingerprint,
                orderId,
                Timestamp.from(now));
    }

    record PlacedRequest(String fingerprint, long orderId) {}

    Optional<OrderRow> find(long id) {
        return jdbc
                .query(
                        "SELECT id, user_id, coupon_id, items, state, reason, amount, discount, created_at"
                                + " FROM customer_order WHERE id = ?",
                        (rs, i) -> new OrderRow(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getObject(3, Long.class),
                                Arrays.asList(KafkaJson.mapper().readValue(rs.getString(4), OrderItem[].class)),
                                OrderState.valueOf(rs.getString(5)),
                                rs.getString(6),
                                rs.getObject(7, Long.class),
                                rs.getObject(8, Long.class),
                                rs.getTimestamp(9).toInstant()),
                        id)
                .stream()
                .findFirst();
    }

    /** Moves the order from {@code from} to {@code to}; false when it is not in {@code from} (a replay). */
    boolean move(long id, OrderState from, OrderState to, Long amount, Long discount, String reason, Instant now) {
        return jdbc.update(
                        "UPDATE customer_order SET state = ?, amount = COALESCE(?, amount),"
                                + " discount = COALESCE(?, discount), reason = COALESCE(?, reason), updated_at = ?"
                                + " WHERE id = ? AND state = ?",
                        to.name(),
                        amount,
                        discount,
                        reason,
                        Timestamp.from(now),
                        id,
                        from.name())
                == 1;
    }

    void history(long id, OrderState state, Instant at, String note) {
        jdbc.update(
                "INSERT INTO order_history (order_id, state, at, note) VALUES (?, ?, ?, ?)",
                id,
                state.name(),
                Timestamp.from(at),
                note);
    }

    List<OrderStep> history(long id) {
        return jdbc.query(
                "SELECT state, at, note FROM order_history WHERE order_id = ? ORDER BY id",
                (rs, i) -> new OrderStep(
                        OrderState.valueOf(rs.getString(1)), rs.getTimestamp(2).toInstant(), rs.getString(3)),
                id);
    }

    /** The stored charge's status of an order, or null when it was never charged. */
    String paymentStatus(long orderId) {
        List<String> existing =
                jdbc.queryForList("SELECT status FROM order_payment WHERE order_id = ?", String.class, orderId);
        return existing.isEmpty() ? null : existing.getFirst();
    }

    /** Records the charge of an order once; the stored status when it was charged before. */
    String charge(long orderId, String status, long amount, Instant now) {
        List<String> existing =
                jdbc.queryForList("SELECT status FROM order_payment WHERE order_id = ?", String.class, orderId);
        if (!existing.isEmpty()) {
            return existing.getFirst();
        }
        jdbc.update(
                "INSERT INTO order_payment (order_id, status, amount, charged_at) VALUES (?, ?, ?, ?)",
                orderId,
                status,
                amount,
                Timestamp.from(now));
        return status;
    }

    /** Refunds a successful charge once; true when this call refunded it. */
    boolean refund(long orderId, Instant now) {
        return jdbc.update(
                        "UPDATE order_payment SET status = 'REFUNDED', refunded_at = ? WHERE order_id = ?"
                                + " AND status = 'CHARGED'",
                        Timestamp.from(now),
                        orderId)
                == 1;
    }

    Map<OrderState, Long> countByState() {
        Map<OrderState, Long> counts = new EnumMap<>(OrderState.class);
        for (OrderState s : OrderState.values()) {
            counts.put(s, 0L);
        }
        jdbc.query("SELECT state, COUNT(*) FROM customer_order GROUP BY state", rs -> {
            counts.put(OrderState.valueOf(rs.getString(1)), rs.getLong(2));
        });
        return counts;
    }
}
