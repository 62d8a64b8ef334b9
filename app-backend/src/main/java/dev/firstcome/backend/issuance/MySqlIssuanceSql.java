package dev.firstcome.backend.issuance;

import dev.firstcome.backend.issuance.CouponRepository.Key;
import dev.firstcome.model.CouponAdmitted;
import dev.firstcome.model.CouponPersisted;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/** MySQL 8 / MariaDB: multi-row VALUES in chunks, {@code ON DUPLICATE KEY UPDATE}, JDBC batches. */
final class MySqlIssuanceSql implements IssuanceSql {

    /** Rows per statement (multi-row VALUES; 8 parameters a row). */
    private static final int CHUNK = 1000;

    private static final String RECORD_FAILURE = """
            INSERT INTO failed_issue (event_id, user_id, `rank`, admission_id, day, admitted_at, reason, attempts,
                                      first_failed_at, last_failed_at, status)
            VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, 'OPEN')
            ON DUPLICATE KEY UPDATE attempts = attempts + 1, reason = VALUES(reason),
                last_failed_at = VALUES(last_failed_at), status = 'OPEN', resolved_at = NULL""";

    private final JdbcTemplate jdbc;

    MySqlIssuanceSql(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String rank() {
        return "`rank`";
    }

    @Override
    public String recordFailure() {
        return RECORD_FAILURE;
    }

    @Override
    public List<IssuedCoupon> insertIgnoringExisting(List<CouponAdmitted> admissions, Instant persistedAt) {
        // Which ones exist already (locked, same transaction), then one multi-row insert per chunk that
        // leaves existing rows alone (ON DUPLICATE KEY UPDATE id = id: unlike INSERT IGNORE it hides no
        // other error).
        Set<Key> existing = existingKeys(admissions);
        Timestamp persisted = Timestamp.from(persistedAt);
        for (int from = 0; from < admissions.size(); from += CHUNK) {
            List<CouponAdmitted> chunk = admissions.subList(from, Math.min(admissions.size(), from + CHUNK));
            StringBuilder sql = new StringBuilder(
                    "INSERT INTO coupon (event_id, user_id, `rank`, admission_id, day, admitted_at, persisted_at) VALUES ");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "(?,?,?,?,?,?,?)" : ",(?,?,?,?,?,?,?)");
            }
            sql.append(" ON DUPLICATE KEY UPDATE id = id");
            jdbc.update(sql.toString(), ps -> {
                int p = 1;
                for (CouponAdmitted a : chunk) {
                    ps.setLong(p++, a.eventId());
                    ps.setString(p++, a.userId());
                    ps.setLong(p++, a.rank());
                    ps.setLong(p++, a.admissionId());
                    ps.setDate(p++, java.sql.Date.valueOf(a.day()));
                    ps.setTimestamp(p++, Timestamp.from(a.admittedAt()));
                    ps.setTimestamp(p++, persisted);
                }
            });
        }
        List<CouponAdmitted> inserted = admissions.stream()
                .filter(a -> !existing.contains(new Key(a.eventId(), a.userId())))
                .toList();
        // no RETURNING in MySQL 8: read the new rows back (their ids), by the unique key
        List<IssuedCoupon> rows = new ArrayList<>(inserted.size());
        forEachEventChunk(
                inserted,
                (eventId, in, args) -> rows.addAll(jdbc.query(
                        "SELECT id, event_id, user_id, `rank`, admitted_at, persisted_at FROM coupon"
                                + " WHERE event_id = ? AND user_id IN (" + in + ")",
                        CouponRepository.ISSUED,
                        args)));
        return rows;
    }

    /** The admissions' users by event, a chunk at a time: the chunk's IN list ({@code ?, ?, ...}) and its arguments. */
    private static void forEachEventChunk(List<CouponAdmitted> admissions, EventChunk chunkAction) {
        var byEvent = new java.util.LinkedHashMap<Long, List<String>>();
        for (CouponAdmitted a : admissions) {
            byEvent.computeIfAbsent(a.eventId(), e -> new ArrayList<>()).add(a.userId());
        }
        byEvent.forEach((eventId, users) -> {
            for (int from = 0; from < users.size(); from += CHUNK) {
                List<String> chunk = users.subList(from, Math.min(users.size(), from + CHUNK));
                List<Object> args = new ArrayList<>(chunk.size() + 1);
                args.add(eventId);
                args.addAll(chunk);
                chunkAction.accept(
                        eventId, String.join(",", java.util.Collections.nCopies(chunk.size(), "?")), args.toArray());
            }
        });
    }

    @FunctionalInterface
    private interface EventChunk {
        void accept(long eventId, String in, Object[] args);
    }

    private Set<Key> existingKeys(List<CouponAdmitted> admissions) {
        Set<Key> keys = new HashSet<>();
        forEachEventChunk(
                admissions,
                (eventId, in, args) -> jdbc.query(
                        "SELECT user_id FROM coupon WHERE event_id = ? AND user_id IN (" + in + ")",
                        rs -> {
                            keys.add(new Key(eventId, rs.getString(1)));
                        },
                        args));
        return keys;
    }

    /** One JDBC batch of single-row updates, committed once. */
    @Override
    public boolean[] claimNotifications(List<CouponPersisted> coupons, Timestamp at) {
        boolean[] claimed = new boolean[coupons.size()];
        jdbc.execute((Connection c) -> {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE coupon SET notified_at = ? WHERE event_id = ? AND user_id = ? AND notified_at IS NULL")) {
                for (CouponPersisted coupon : coupons) {
                    ps.setTimestamp(1, at);
                    ps.setLong(2, coupon.eventId());
                    ps.setString(3, coupon.userId());
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                c.commit();
                for (int i = 0; i < counts.length; i++) {
                    claimed[i] = counts[i] == 1;
                }
                return null;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        });
        return claimed;
    }
}
