package dev.firstcome.backend.issuance;

import dev.firstcome.backend.issuance.CouponRepository.Key;
import dev.firstcome.model.CouponAdmitted;
import dev.firstcome.model.CouponPersisted;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/** PostgreSQL: set-based statements over arrays ({@code unnest}), answering with {@code RETURNING}. */
final class PostgresIssuanceSql implements IssuanceSql {

    private static final String INSERT = """
            INSERT INTO coupon (event_id, user_id, rank, admission_id, day, admitted_at, persisted_at)
            SELECT e, u, r, a, DATE '1970-01-01' + d, TIMESTAMPTZ 'epoch' + t * INTERVAL '1 microsecond', ?::timestamptz
              FROM unnest(?::bigint[], ?::varchar[], ?::bigint[], ?::bigint[], ?::int[], ?::bigint[])
                   AS x(e, u, r, a, d, t)
            ON CONFLICT (event_id, user_id) DO NOTHING
            RETURNING id, event_id, user_id, rank, admitted_at, persisted_at""";

    private static final String CLAIM = """
            UPDATE coupon c SET notified_at = ?
              FROM (SELECT DISTINCT e, u FROM unnest(?::bigint[], ?::varchar[]) AS x(e, u)) AS x
             WHERE c.event_id = x.e AND c.user_id = x.u AND c.notified_at IS NULL
            RETURNING c.event_id, c.user_id""";

    private static final String RECORD_FAILURE = """
            INSERT INTO failed_issue (event_id, user_id, rank, admission_id, day, admitted_at, reason, attempts,
                                      first_failed_at, last_failed_at, status)
            VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, 'OPEN')
            ON CONFLICT (event_id, user_id) DO UPDATE SET attempts = failed_issue.attempts + 1,
                reason = EXCLUDED.reason, last_failed_at = EXCLUDED.last_failed_at, status = 'OPEN',
                resolved_at = NULL""";

    private final JdbcTemplate jdbc;

    PostgresIssuanceSql(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String rank() {
        return "rank";
    }

    @Override
    public String recordFailure() {
        return RECORD_FAILURE;
    }

    @Override
    public List<IssuedCoupon> insertIgnoringExisting(List<CouponAdmitted> admissions, Instant persistedAt) {
        int n = admissions.size();
        Long[] events = new Long[n];
        String[] users = new String[n];
        Long[] ranks = new Long[n];
        Long[] ids = new Long[n];
        Integer[] days = new Integer[n];
        Long[] admittedAt = new Long[n];
        for (int i = 0; i < n; i++) {
            CouponAdmitted a = admissions.get(i);
            events[i] = a.eventId();
            users[i] = a.userId();
            ranks[i] = a.rank();
            ids[i] = a.admissionId();
            days[i] = (int) a.day().toEpochDay();
            admittedAt[i] = ChronoUnit.MICROS.between(Instant.EPOCH, a.admittedAt());
        }
        // RETURNING answers the rows with their ids: nothing is read back (a read of the batch's users, planned
        // generically with an event's stale statistics, scanned the whole event per page: docs/benchmarks.md)
        List<IssuedCoupon> inserted = jdbc.execute((Connection c) -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setTimestamp(1, Timestamp.from(persistedAt));
                ps.setArray(2, c.createArrayOf("int8", events));
                ps.setArray(3, c.createArrayOf("varchar", users));
                ps.setArray(4, c.createArrayOf("int8", ranks));
                ps.setArray(5, c.createArrayOf("int8", ids));
                ps.setArray(6, c.createArrayOf("int4", days));
                ps.setArray(7, c.createArrayOf("int8", admittedAt));
                List<IssuedCoupon> rows = new ArrayList<>(n);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(CouponRepository.ISSUED.mapRow(rs, rows.size()));
                    }
                }
                return rows;
            }
        });
        return inserted;
    }

    /** One set-based statement for the whole batch (a JDBC batch runs one UPDATE per coupon). */
    @Override
    public boolean[] claimNotifications(List<CouponPersisted> coupons, Timestamp at) {
        int n = coupons.size();
        Long[] events = new Long[n];
        String[] users = new String[n];
        for (int i = 0; i < n; i++) {
            events[i] = coupons.get(i).eventId();
            users[i] = coupons.get(i).userId();
        }
        Set<Key> claimedKeys = jdbc.execute((Connection c) -> {
            try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
                ps.setTimestamp(1, at);
                ps.setArray(2, c.createArrayOf("int8", events));
                ps.setArray(3, c.createArrayOf("varchar", users));
                return returnedKeys(ps);
            }
        });
        boolean[] claimed = new boolean[n];
        for (int i = 0; i < n; i++) {
            // a coupon listed twice in one batch is claimed once
            claimed[i] = claimedKeys.remove(new Key(events[i], users[i]));
        }
        return claimed;
    }

    /** The (event_id, user_id) pairs a statement's RETURNING clause answered. */
    private static Set<Key> returnedKeys(PreparedStatement ps) throws SQLException {
        Set<Key> keys = new HashSet<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                keys.add(new Key(rs.getLong(1), rs.getString(2)));
            }
        }
        return keys;
    }
}
