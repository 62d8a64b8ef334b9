package dev.firstcome.backend.redemption;

import dev.firstcome.model.CouponBenefit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * PostgreSQL's batch write of {@link CouponStateRepository}: a batch's first rows in one statement over arrays
 * ({@code unnest}), one executor run and one plan per batch instead of one statement per coupon, as the
 * issuance insert and the notice claim do. (Their first ISSUED transitions are not stored: see
 * {@link CouponStateRepository#history}.)
 */
final class PostgresCouponStateBatches {

    /** The rows the coupons do not have yet, answering the ones written. */
    private static final String INSERT_ROWS = """
            INSERT INTO coupon_state (coupon_id, event_id, user_id, status, issued_at, expires_at, benefit_type,
                                      benefit_amount_off, benefit_percent, benefit_max, benefit_min_order, vendor_id,
                                      redemptions, updated_at)
            SELECT c, e, u, 'ISSUED', TIMESTAMPTZ 'epoch' + i * INTERVAL '1 microsecond',
                   TIMESTAMPTZ 'epoch' + x * INTERVAL '1 microsecond', bt, ba, bp, bm, bo, v, 0, ?::timestamptz
              FROM unnest(?::bigint[], ?::bigint[], ?::varchar[], ?::bigint[], ?::bigint[], ?::varchar[], ?::bigint[],
                          ?::int[], ?::bigint[], ?::bigint[], ?::bigint[]) AS r(c, e, u, i, x, bt, ba, bp, bm, bo, v)
            ON CONFLICT (coupon_id) DO NOTHING
            RETURNING coupon_id""";

    private final JdbcTemplate jdbc;

    PostgresCouponStateBatches(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the rows of the coupons that have none; returns the rows this call wrote. */
    List<CouponState> insertAllIfAbsent(List<CouponState> rows, Instant now) {
        int n = rows.size();
        Long[] coupons = new Long[n];
        Long[] events = new Long[n];
        String[] users = new String[n];
        Long[] issuedAt = new Long[n];
        Long[] expiresAt = new Long[n];
        String[] types = new String[n];
        Long[] amounts = new Long[n];
        Integer[] percents = new Integer[n];
        Long[] maxima = new Long[n];
        Long[] minima = new Long[n];
        Long[] vendors = new Long[n];
        for (int i = 0; i < n; i++) {
            CouponState s = rows.get(i);
            CouponBenefit b = s.benefit();
            coupons[i] = s.couponId();
            events[i] = s.eventId();
            users[i] = s.userId();
            issuedAt[i] = micros(s.issuedAt());
            expiresAt[i] = micros(s.expiresAt());
            types[i] = b == null ? null : b.type().name();
            amounts[i] = b == null ? null : b.amountOff();
            percents[i] = b == null ? null : b.percentOff();
            maxima[i] = b == null ? null : b.maxDiscount();
            minima[i] = b == null ? null : b.minOrderAmount();
            vendors[i] = s.vendorId();
        }
        Set<Long> written = jdbc.execute((Connection c) -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT_ROWS)) {
                ps.setTimestamp(1, CouponStateRepository.ts(now));
                ps.setArray(2, c.createArrayOf("int8", coupons));
                ps.setArray(3, c.createArrayOf("int8", events));
                ps.setArray(4, c.createArrayOf("varchar", users));
                ps.setArray(5, c.createArrayOf("int8", issuedAt));
                ps.setArray(6, c.createArrayOf("int8", expiresAt));
                ps.setArray(7, c.createArrayOf("varchar", types));
                ps.setArray(8, c.createArrayOf("int8", amounts));
                ps.setArray(9, c.createArrayOf("int4", percents));
                ps.setArray(10, c.createArrayOf("int8", maxima));
                ps.setArray(11, c.createArrayOf("int8", minima));
                ps.setArray(12, c.createArrayOf("int8", vendors));
                Set<Long> ids = new HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                return ids;
            }
        });
        return rows.stream().filter(s -> written.contains(s.couponId())).toList();
    }

    /** Microseconds since the epoch (PostgreSQL's own precision), null for null. */
    private static Long micros(Instant at) {
        return at == null ? null : ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }
}
