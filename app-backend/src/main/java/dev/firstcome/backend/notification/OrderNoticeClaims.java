package dev.firstcome.backend.notification;

import dev.firstcome.backend.infra.SqlDialect;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The order notices claimed so far ({@code order_notice}, one row per order and state): a notice is claimed
 * before it is sent, so a step event delivered again (a consumer restarted before its offset commit, the
 * registry resending an event) finds it claimed and sends nothing; a failed send gives its claim back.
 */
@Component
class OrderNoticeClaims {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final String claim;

    OrderNoticeClaims(JdbcTemplate jdbc, SqlDialect dialect, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        String insert = " INTO order_notice (order_id, state, claimed_at) VALUES (?, ?, ?)";
        this.claim = dialect == SqlDialect.POSTGRESQL
                ? "INSERT" + insert + " ON CONFLICT (order_id, state) DO NOTHING"
                : "INSERT IGNORE" + insert;
    }

    /** True when this call claimed the notice of the order's state (false: it was claimed before). */
    boolean claim(long orderId, String state) {
        return jdbc.update(claim, orderId, state, Timestamp.from(clock.instant())) == 1;
    }

    /** Gives the claim back (the notice could not be sent), so a redelivery sends it. */
    void release(long orderId, String state) {
        jdbc.update("DELETE FROM order_notice WHERE order_id = ? AND state = ?", orderId, state);
    }
}
