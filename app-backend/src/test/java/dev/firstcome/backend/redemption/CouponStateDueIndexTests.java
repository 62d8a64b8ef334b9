package dev.firstcome.backend.redemption;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.backend.infra.SqlDialectConfiguration;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The expiry job's read against the real PostgreSQL (migrated by Flyway; each test rolls back): the partial
 * index {@code ix_coupon_state_due} holds only ISSUED coupons with a validity, and the job's statement,
 * planned generically as a prepared statement is after a few runs, can use it.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(SqlDialectConfiguration.class)
class CouponStateDueIndexTests {

    static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void onlyIssuedCouponsWithAValidityAreInTheIndexAndTheJobsReadUsesIt() {
        long base = 9_000_000_000L + (System.nanoTime() & 0xFFFFFF);
        insert(base, "ISSUED", Instant.parse("1971-01-01T00:00:00Z")); // due, before anything other tests left
        insert(base + 1, "ISSUED", null); // never expires
        insert(base + 2, "REDEEMED", NOW.minusSeconds(60)); // no longer ISSUED
        insert(base + 3, "ISSUED", NOW.plusSeconds(3600)); // not yet due

        assertThat(jdbc.queryForObject(
                        "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_coupon_state_due'", String.class))
                .contains("(expires_at, coupon_id)")
                .contains("WHERE")
                .contains("expires_at IS NOT NULL");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'ix_coupon_state_expiry'", Long.class))
                .isZero();

        jdbc.execute("SET LOCAL enable_seqscan = off");
        jdbc.execute("SET LOCAL plan_cache_mode = force_generic_plan");
        String numbered =
                CouponStateRepository.DUE_FOR_EXPIRY.replaceFirst("\\?", "\\$1").replaceFirst("\\?", "\\$2");
        jdbc.execute("PREPARE due(timestamptz, int) AS " + numbered);
        List<String> plan = jdbc.queryForList("EXPLAIN EXECUTE due('2030-01-01T10:00:00Z', 100)", String.class);
        jdbc.execute("DEALLOCATE due");
        assertThat(String.join("\n", plan)).contains("ix_coupon_state_due");

        List<Long> due = jdbc.queryForList(CouponStateRepository.DUE_FOR_EXPIRY, Long.class, Timestamp.from(NOW), 100);
        assertThat(due).contains(base).doesNotContain(base + 1, base + 2, base + 3);
    }

    private void insert(long couponId, String status, Instant expiresAt) {
        jdbc.update(
                "INSERT INTO coupon_state (coupon_id, event_id, user_id, status, issued_at, expires_at, updated_at)"
                        + " VALUES (?, 1, ?, ?, ?, ?, ?)",
                couponId,
                "due-" + couponId,
                status,
                Timestamp.from(NOW.minusSeconds(7200)),
                expiresAt == null ? null : Timestamp.from(expiresAt),
                Timestamp.from(NOW));
    }
}
