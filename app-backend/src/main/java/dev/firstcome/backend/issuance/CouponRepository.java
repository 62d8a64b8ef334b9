package dev.firstcome.backend.issuance;

import dev.firstcome.model.CouponAdmitted;
import dev.firstcome.model.CouponPersisted;
import dev.firstcome.model.CouponView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

    private final JdbcTemplate jdbc;
    private final IssuanceSql sql;

    /** Reads {@code id, event_id, user_id, rank, admitted_at, persisted_at}, in that order. */
    static final RowMapper<IssuedCoupon> ISSUED = (rs, i) -> new IssuedCoupon(
            rs.getLong(1),
            rs.getLong(2),
            rs.getString(3),
            rs.getLong(4),
            rs.getTimestamp(5).toInstant(),
            rs.getTimestamp(6).toInstant());

    private final String issuedColumns;

    CouponRepository(DataSource dataSource, IssuanceSql sql) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.sql = sql;
        this.issuedColumns = issuedColumns();
    }

    /**
     * Inserts the admissions (no duplicate (event, user) pairs among them), ignoring existing rows.
     * Must run inside a transaction. Returns the rows inserted, with their ids.
     */
    List<IssuedCoupon> insertIgnoringExisting(List<CouponAdmitted> admissions, Instant persistedAt) {
        if (admissions.isEmpty()) {
            return List.of();
        }
        return sql.insertIgnoringExisting(admissions, persistedAt);
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

    Optional<IssuedCoupon> findById(long couponId) {
        return jdbc.query(issuedColumns + " WHERE id = ?", ISSUED, couponId).stream()
                .findFirst();
    }

    Optional<IssuedCoupon> findByEventAndUser(long eventId, String userId) {
        return jdbc.query(issuedColumns + " WHERE event_id = ? AND user_id = ?", ISSUED, eventId, userId).stream()
                .findFirst();
    }

    /** A page of the primary key: the coupons with ids above {@code afterId}, in id order. */
    List<IssuedCoupon> findAfter(long afterId, int limit) {
        return jdbc.query(issuedColumns + " WHERE id > ? ORDER BY id LIMIT ?", ISSUED, afterId, limit);
    }

    List<IssuedCoupon> findIssuedByUser(String userId) {
        return jdbc.query(issuedColumns + " WHERE user_id = ? ORDER BY persisted_at, id", ISSUED, userId);
    }

    private String issuedColumns() {
        return "SELECT id, event_id, user_id, " + rank() + ", admitted_at, persisted_at FROM coupon";
    }

    List<CouponAdmitted> findAdmissionsByEvent(long eventId) {
        return jdbc.query(
                "SELECT event_id, user_id, " + rank() + ", admission_id, day, admitted_at FROM coupon"
                        + " WHERE event_id = ? ORDER BY admission_id",
                ADMISSION,
                eventId);
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
        return sql.claimNotifications(coupons, Timestamp.from(now));
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
        return sql.rank();
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
