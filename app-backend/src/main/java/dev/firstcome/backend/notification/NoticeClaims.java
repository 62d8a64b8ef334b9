package dev.firstcome.backend.notification;

import java.sql.Timestamp;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The once-only mark of a coupon's notice ({@code coupon.notified_at}): claimed before sending, so
 * a redelivered CouponPersisted record never sends twice; given back when the send failed.
 */
@Repository
class NoticeClaims {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    NoticeClaims(DataSource dataSource, ObjectProvider<Clock> clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** True for exactly one caller per coupon; false when already claimed or no such coupon exists. */
    boolean claim(long eventId, String userId) {
        return jdbc.update(
                        "UPDATE coupon SET notified_at = ? WHERE event_id = ? AND user_id = ? AND notified_at IS NULL",
                        Timestamp.from(clock.instant()),
                        eventId,
                        userId)
                == 1;
    }

    void release(long eventId, String userId) {
        jdbc.update("UPDATE coupon SET notified_at = NULL WHERE event_id = ? AND user_id = ?", eventId, userId);
    }
}
