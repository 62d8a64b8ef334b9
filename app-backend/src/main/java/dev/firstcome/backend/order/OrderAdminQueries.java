package dev.firstcome.backend.order;

import dev.firstcome.backend.infra.web.InvalidRequestException;
import dev.firstcome.model.FailedOrderView;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Reads {@code customer_order} for operators; changes nothing (the flow's writes stay in OrderRepository). */
@Service
class OrderAdminQueries implements OrderAdminApi {

    static final int MAX_LIMIT = 500;
    static final String UNKNOWN_CAUSE = "UNKNOWN";

    private final JdbcTemplate jdbc;

    OrderAdminQueries(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public List<FailedOrderView> failed(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        return jdbc.query(
                "SELECT id, user_id, coupon_id, amount, reason, created_at, updated_at FROM customer_order"
                        + " WHERE state = 'FAILED' ORDER BY updated_at DESC, id DESC LIMIT ?",
                (rs, i) -> new FailedOrderView(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getObject(3, Long.class),
                        rs.getObject(4, Long.class),
                        rs.getString(5),
                        rs.getTimestamp(6).toInstant(),
                        rs.getTimestamp(7).toInstant()),
                limit);
    }

    @Override
    public Map<String, Long> failureCauses() {
        Map<String, Long> causes = new HashMap<>();
        jdbc.query("SELECT reason, COUNT(*) FROM customer_order WHERE state = 'FAILED' GROUP BY reason", rs -> {
            causes.merge(cause(rs.getString(1)), rs.getLong(2), Long::sum);
        });
        Map<String, Long> sorted = new LinkedHashMap<>();
        causes.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** {@code OUT_OF_STOCK} for {@code OUT_OF_STOCK: tea}; {@code UNKNOWN} for no reason. */
    static String cause(String reason) {
        if (reason == null || reason.isBlank()) {
            return UNKNOWN_CAUSE;
        }
        int colon = reason.indexOf(':');
        return (colon < 0 ? reason : reason.substring(0, colon)).strip();
    }
}
