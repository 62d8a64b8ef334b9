package dev.firstcome.backend.issuance;

import dev.firstcome.backend.infra.SqlDialect;
import dev.firstcome.model.CouponAdmitted;
import dev.firstcome.model.CouponPersisted;
import dev.firstcome.model.CouponView;
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
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The {@code coupon} table. Inserts ignore a row whose {@code (event_id, user_id)} exists, so a
 * redelivered admission is a no-op; they report which admissions were actually inserted.
 */
@Repository
class CouponRepository {

    /** Rows per statement on MySQL/MariaDB (multi-row VALUES; 8 parameters a row). */
    private static final int MYSQL_CHUNK = 1000;

    private static final String PG_INSERT = """
            INSERT INTO coupon (event_id, user_id, rank, admission_id, day, admitted_at, persisted_at)
            SELECT e, u, r, a, DATE '1970-01-01' + d, TIMESTAMPTZ 'epoch' + t * INTERVAL '1 microsecond', ?::timestamptz
              FROM unnest(?::bigint[], ?::varchar[], ?::bigint[], ?::bigint[], ?::int[], ?::bigint[])
                   AS x(e, u, r, a, d, t)
            ON CONFLICT (event_id, user_id) DO NOTHING
            RETURNING event_id, user_id""";

    private static final String PG_CLAIM = """
            UPDATE coupon c SET notified_at = ?
              FROM (SELECT DISTINCT e, u FROM unnest(?::bigint[], ?::varchar[]) AS x(e, u)) AS x
             WHERE c.event_id = x.e AND c.user_id = x.u AND c.notified_at IS NULL
            RETURNING c.event_id, c.user_id""";

    private final JdbcTemplate jdbc;
    private final SqlDialect dialect;

    CouponRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.dialect = SqlDialect.detect(dataSource);
    }

    SqlDialect dialect() {
        return dialect;
    }

    /**
     * Inserts the admissions (no duplicate (event, user) pairs among them), ignoring existing rows.
     * Must run inside a transaction. Returns the admissions that were inserted.
     */
    List<CouponAdmitted> insertIgnoringExisting(List<CouponAdmitted> admissions, Instant persistedAt) {
        if (admissions.isEmpty()) {
            return List.of();
        }
        return dialect == SqlDialect.POSTGRESQL
                ? insertPostgres(admissions, persistedAt)
                : insertMysql(admissions, persistedAt);
    }

    private List<CouponAdmitted> insertPostgres(List<CouponAdmitted> admissions, Instant persistedAt) {
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
        Set<Key> inserted = jdbc.execute((Connection c) -> {
            try (PreparedStatement ps = c.prepareStatement(PG_INSERT)) {
                ps.setTimestamp(1, Timestamp.from(persistedAt));
                ps.setArray(2, c.createArrayOf("int8", events));
                ps.setArray(3, c.createArrayOf("varchar", users));
                ps.setArray(4, c.createArrayOf("int8", ranks));
                ps.setArray(5, c.createArrayOf("int8", ids));
                ps.setArray(6, c.createArrayOf("int4", days));
                ps.setArray(7, c.createArrayOf("int8", admittedAt));
                return returnedKeys(ps);
            }
        });
        return admissions.stream()
                .filter(a -> inserted.contains(new Key(a.eventId(), a.userId())))
                .toList();
    }

    private List<CouponAdmitted> insertMysql(List<CouponAdmitted> admissions, Instant persistedAt) {
        // Which ones exist already (locked, same transaction), then one multi-row insert per chunk that
        // leaves existing rows alone (ON DUPLICATE KEY UPDATE id = id: unlike INSERT IGNORE it hides no
        // other error).
        Set<Key> existing = existingKeys(admissions);
        Timestamp persisted = Timestamp.from(persistedAt);
        for (int from = 0; from < admissions.size(); from += MYSQL_CHUNK) {
            List<CouponAdmitted> chunk = admissions.subList(from, Math.min(admissions.size(), from + MYSQL_CHUNK));
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
        return admissions.stream()
                .filter(a -> !existing.contains(new Key(a.eventId(), a.userId())))
                .toList();
    }

    private Set<Key> existingKeys(List<CouponAdmitted> admissions) {
        Set<Key> keys = new HashSet<>();
        var byEvent = new java.util.LinkedHashMap<Long, List<String>>();
        for (CouponAdmitted a : admissions) {
            byEvent.computeIfAbsent(a.eventId(), e -> new ArrayList<>()).add(a.userId());
        }
        byEvent.forEach((eventId, users) -> {
            for (int from = 0; from < users.size(); from += MYSQL_CHUNK) {
                List<String> chunk = users.subList(from, Math.min(users.size(), from + MYSQL_CHUNK));
                String in = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
                List<Object> args = new ArrayList<>(chunk.size() + 1);
                args.add(eventId);
                args.addAll(chunk);
                jdbc.query(
                        "SELECT user_id FROM coupon WHERE event_id = ? AND user_id IN (" + in + ")",
                        rs -> {
                            keys.add(new Key(eventId, rs.getString(1)));
                        },
                        args.toArray());
            }
        });
        return keys;
    }

    boolean exists(long eventId, String userId) {
        Integer n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM coupon WHERE event_id = ? AND user_id = ?", Integer.class, eventId, userId);
        return n != null && n > 0;
    }

    long countByEvent(long eventId) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM coupon WHERE event_id = ?", Long.class, eventId);
        return n == null ? 0 : n;
    }

    List<CouponView> findByUser(String userId) {
        return jdbc.query(
                "SELECT event_id, user_id, " + rank() + ", admitted_at, persisted_at FROM coupon"
                        + " WHERE user_id = ? ORDER BY persisted_at, id",
                (rs, i) -> new CouponView(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5).toInstant()),
                userId);
    }

    List<CouponAdmitted> findAdmissionsByEvent(long eventId) {
        return jdbc.query(
                "SELECT event_id, user_id, " + rank() + ", admission_id, day, admitted_at FROM coupon"
                        + " WHERE event_id = ? ORDER BY admission_id",
                ADMISSION,
                eventId);
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

    /** PostgreSQL: one set-based statement for the whole batch (a JDBC batch runs one UPDATE per coupon). */
    private boolean[] claimNotificationsPostgres(List<CouponPersisted> coupons, Timestamp at) {
        int n = coupons.size();
        Long[] events = new Long[n];
        String[] users = new String[n];
        for (int i = 0; i < n; i++) {
            events[i] = coupons.get(i).eventId();
            users[i] = coupons.get(i).userId();
        }
        Set<Key> claimedKeys = jdbc.execute((Connection c) -> {
            try (PreparedStatement ps = c.prepareStatement(PG_CLAIM)) {
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

    /** Claims the coupon's notice: true for exactly one caller, however often it is asked. */
    boolean claimNotification(long eventId, String userId, Instant now) {
        return jdbc.update(
                        "UPDATE coupon SET notified_at = ? WHERE event_id = ? AND user_id = ? AND notified_at IS NULL",
                        Timestamp.from(now),
                        eventId,
                        userId)
                == 1;
    }

    /**
     * Claims several notices in one transaction (one commit for the whole batch, not one per coupon);
     * returns which ones this call claimed.
     */
    boolean[] claimNotifications(List<CouponPersisted> coupons, Instant now) {
        boolean[] claimed = new boolean[coupons.size()];
        if (coupons.isEmpty()) {
            return claimed;
        }
        Timestamp at = Timestamp.from(now);
        if (dialect == SqlDialect.POSTGRESQL) {
            return claimNotificationsPostgres(coupons, at);
        }
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

    /** A coupon without a notice, with its row id (where a sweep goes on from). */
    record Unnotified(long id, CouponPersisted coupon) {}

    /**
     * The highest coupon id above {@code afterId} among rows persisted before {@code before} (their
     * transactions are long committed); {@code afterId} when there is none.
     */
    long lastIdPersistedBefore(long afterId, Instant before) {
        Long id = jdbc.queryForObject(
                "SELECT MAX(id) FROM coupon WHERE id > ? AND persisted_at < ?",
                Long.class,
                afterId,
                Timestamp.from(before));
        return id == null ? afterId : id;
    }

    /** The highest coupon id (0 for an empty table): one step down the primary key. */
    long lastId() {
        Long id = jdbc.queryForObject("SELECT MAX(id) FROM coupon", Long.class);
        return id == null ? 0 : id;
    }

    /**
     * Coupons with ids in ({@code afterId}, {@code upToId}] that have no notice yet and were persisted
     * at or after {@code since}, in id order, at most {@code limit}. Reads the primary key's range.
     */
    List<Unnotified> unnotified(long afterId, long upToId, Instant since, int limit) {
        return jdbc.query(
                "SELECT id, event_id, user_id, " + rank() + ", admission_id, persisted_at FROM coupon"
                        + " WHERE id > ? AND id <= ? AND notified_at IS NULL AND persisted_at >= ?"
                        + " ORDER BY id LIMIT ?",
                (rs, i) -> new Unnotified(
                        rs.getLong(1),
                        new CouponPersisted(
                                rs.getLong(2),
                                rs.getString(3),
                                rs.getLong(4),
                                rs.getLong(5),
                                rs.getTimestamp(6).toInstant())),
                afterId,
                upToId,
                Timestamp.from(since),
                limit);
    }

    void releaseNotification(long eventId, String userId) {
        jdbc.update("UPDATE coupon SET notified_at = NULL WHERE event_id = ? AND user_id = ?", eventId, userId);
    }

    private String rank() {
        return dialect == SqlDialect.POSTGRESQL ? "rank" : "`rank`";
    }

    static final RowMapper<CouponAdmitted> ADMISSION = (ResultSet rs, int i) -> admission(rs);

    static CouponAdmitted admission(ResultSet rs) throws SQLException {
        return new CouponAdmitted(
                rs.getLong(1),
                rs.getString(2),
                rs.getLong(3),
                rs.getLong(4),
                rs.getDate(5).toLocalDate(),
                rs.getTimestamp(6).toInstant());
    }

    record Key(long eventId, String userId) {}
}
