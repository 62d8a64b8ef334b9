package dev.firstcome.backend.redemption;

import dev.firstcome.backend.infra.SqlDialect;
import dev.firstcome.model.BenefitType;
import dev.firstcome.model.CouponBenefit;
import dev.firstcome.model.CouponStatus;
import dev.firstcome.model.CouponTransition;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The tables of redemption: {@code coupon_state} (one row per coupon), {@code coupon_transition} (its
 * history) and {@code redemption_request} (answers given per Idempotency-Key). The same SQL on both
 * dialects but the insert that ignores an existing row.
 */
@Repository
class CouponStateRepository {

    private static final String COLUMNS = "coupon_id, event_id, user_id, status, issued_at, expires_at,"
            + " benefit_type, benefit_amount_off, benefit_percent, benefit_max, benefit_min_order, vendor_id,"
            + " order_id, order_amount, discount, redemption_id, redeemed_at, redemptions, vendor_cost";

    private final JdbcTemplate jdbc;
    /** The batch writes over arrays on PostgreSQL; null on MySQL (one JDBC batch instead). */
    private final PostgresCouponStateBatches postgres;

    private final String insertIgnoring;

    CouponStateRepository(DataSource dataSource, SqlDialect dialect) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.postgres = dialect == SqlDialect.POSTGRESQL ? new PostgresCouponStateBatches(jdbc) : null;
        String insert = " INTO coupon_state (coupon_id, event_id, user_id, status, issued_at, expires_at,"
                + " benefit_type, benefit_amount_off, benefit_percent, benefit_max, benefit_min_order, vendor_id,"
                + " redemptions, updated_at) VALUES (?, ?, ?, 'ISSUED', ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)";
        this.insertIgnoring = dialect == SqlDialect.POSTGRESQL
                ? "INSERT" + insert + " ON CONFLICT (coupon_id) DO NOTHING"
                : "INSERT IGNORE" + insert;
    }

    /**
     * Writes the first rows (ISSUED) of the coupons that have none, in one statement (PostgreSQL) or one
     * JDBC batch (MySQL); returns the coupons this call wrote (a row that existed is skipped, as by
     * {@link #insertIfAbsent}).
     */
    List<CouponState> insertAllIfAbsent(List<CouponState> rows, Instant now) {
        if (postgres != null) {
            return postgres.insertAllIfAbsent(rows, now);
        }
        int[][] counts = jdbc.batchUpdate(insertIgnoring, rows, rows.size(), (ps, s) -> {
            Object[] values = insertValues(s, now);
            for (int i = 0; i < values.length; i++) {
                org.springframework.jdbc.core.StatementCreatorUtils.setParameterValue(
                        ps, i + 1, org.springframework.jdbc.core.SqlTypeValue.TYPE_UNKNOWN, values[i]);
            }
        });
        List<CouponState> written = new java.util.ArrayList<>();
        int index = 0;
        for (int[] chunk : counts) {
            for (int count : chunk) {
                // 1 written, 0 existed; SUCCESS_NO_INFO (-2) only comes from a rewritten batch, which neither
                // dialect's connection here asks for (it would be taken as written)
                if (count != 0) {
                    written.add(rows.get(index));
                }
                index++;
            }
        }
        return written;
    }

    private static Object[] insertValues(CouponState s, Instant now) {
        CouponBenefit b = s.benefit();
        return new Object[] {
            s.couponId(),
            s.eventId(),
            s.userId(),
            ts(s.issuedAt()),
            ts(s.expiresAt()),
            b == null ? null : b.type().name(),
            b == null ? null : b.amountOff(),
            b == null ? null : b.percentOff(),
            b == null ? null : b.maxDiscount(),
            b == null ? null : b.minOrderAmount(),
            s.vendorId(),
            ts(now)
        };
    }

    /** Writes the coupon's first row (ISSUED) unless it has one; true when this call wrote it. */
    boolean insertIfAbsent(CouponState s, Instant now) {
        return jdbc.update(insertIgnoring, insertValues(s, now)) == 1;
    }

    /** Which of these coupons have a row (one query; IN list, so callers keep pages bounded). */
    java.util.Set<Long> existing(java.util.Collection<Long> couponIds) {
        if (couponIds.isEmpty()) {
            return java.util.Set.of();
        }
        String marks = String.join(", ", java.util.Collections.nCopies(couponIds.size(), "?"));
        return new java.util.HashSet<>(jdbc.queryForList(
                "SELECT coupon_id FROM coupon_state WHERE coupon_id IN (" + marks + ")",
                Long.class,
                couponIds.toArray()));
    }

    Optional<CouponState> find(long couponId) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM coupon_state WHERE coupon_id = ?",
                        CouponStateRepository::row,
                        couponId)
                .stream()
                .findFirst();
    }

    /** Reads the row and locks it until the transaction ends (redeems and releases of one coupon queue here). */
    Optional<CouponState> lock(long couponId) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM coupon_state WHERE coupon_id = ? FOR UPDATE",
                        CouponStateRepository::row,
                        couponId)
                .stream()
                .findFirst();
    }

    void redeem(
            long couponId,
            String orderId,
            long orderAmount,
            long discount,
            String redemptionId,
            Long vendorCost,
            Instant at) {
        jdbc.update(
                "UPDATE coupon_state SET status = 'REDEEMED', order_id = ?, order_amount = ?, discount = ?,"
                        + " redemption_id = ?, vendor_cost = ?, redeemed_at = ?, redemptions = redemptions + 1,"
                        + " updated_at = ? WHERE coupon_id = ?",
                orderId,
                orderAmount,
                discount,
                redemptionId,
                vendorCost,
                ts(at),
                ts(at),
                couponId);
    }

    void release(long couponId, CouponStatus to, Instant at) {
        jdbc.update(
                "UPDATE coupon_state SET status = ?, order_id = NULL, order_amount = NULL, discount = NULL,"
                        + " redemption_id = NULL, vendor_cost = NULL, redeemed_at = NULL, updated_at = ?"
                        + " WHERE coupon_id = ?",
                to.name(),
                ts(at),
                couponId);
    }

    void transition(long couponId, CouponStatus from, CouponStatus to, String actor, Instant at, String orderId) {
        jdbc.update(
                "INSERT INTO coupon_transition (coupon_id, from_status, to_status, actor, at, order_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                couponId,
                from == null ? null : from.name(),
                to.name(),
                actor,
                ts(at),
                orderId);
    }

    /**
     * The coupon's status changes, oldest first. The first one (none to ISSUED, by the system, at the status
     * row's {@code issued_at}) is derived from the row: since issue 19 it is not stored (one row write per
     * coupon fewer); coupons whose first transition was stored before that show the stored one.
     */
    List<CouponTransition> history(CouponState s) {
        List<CouponTransition> stored = jdbc.query(
                "SELECT from_status, to_status, actor, at, order_id FROM coupon_transition WHERE coupon_id = ?"
                        + " ORDER BY id",
                (rs, i) -> new CouponTransition(
                        rs.getString(1) == null ? null : CouponStatus.valueOf(rs.getString(1)),
                        CouponStatus.valueOf(rs.getString(2)),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getString(5)),
                s.couponId());
        if (!stored.isEmpty() && stored.getFirst().from() == null) {
            return stored;
        }
        List<CouponTransition> history = new java.util.ArrayList<>(stored.size() + 1);
        history.add(new CouponTransition(null, CouponStatus.ISSUED, RedemptionService.SYSTEM, s.issuedAt(), null));
        history.addAll(stored);
        return history;
    }

    /** Whether this order once redeemed the coupon and gave it back. */
    boolean releasedBy(long couponId, String orderId) {
        Integer n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM coupon_transition WHERE coupon_id = ? AND from_status = 'REDEEMED'"
                        + " AND to_status <> 'REDEEMED' AND order_id = ?",
                Integer.class,
                couponId,
                orderId);
        return n != null && n > 0;
    }

    Optional<RedemptionRecord> findRequest(long couponId, String key) {
        return jdbc
                .query(
                        "SELECT order_id, order_amount, outcome, discount, redeemed_at, detail FROM redemption_request"
                                + " WHERE coupon_id = ? AND idempotency_key = ?",
                        (rs, i) -> new RedemptionRecord(
                                rs.getString(1),
                                rs.getLong(2),
                                rs.getString(3),
                                (Long) rs.getObject(4, Long.class),
                                instant(rs.getTimestamp(5)),
                                rs.getString(6)),
                        couponId,
                        key)
                .stream()
                .findFirst();
    }

    void saveRequest(long couponId, String key, RedemptionRecord r, Instant now) {
        jdbc.update(
                "INSERT INTO redemption_request (coupon_id, idempotency_key, order_id, order_amount, outcome, discount,"
                        + " redeemed_at, detail, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                couponId,
                key,
                r.orderId(),
                r.orderAmount(),
                r.outcome(),
                r.discount(),
                ts(r.redeemedAt()),
                r.detail(),
                ts(now));
    }

    /**
     * The expiry job's read. On PostgreSQL the partial index {@code ix_coupon_state_due} (V35: ISSUED rows with a
     * validity, by expiry) serves it, which needs the literal {@code 'ISSUED'}: a parameter there would not prove
     * the index's predicate in a generic plan.
     */
    static final String DUE_FOR_EXPIRY =
            "SELECT coupon_id FROM coupon_state WHERE status = 'ISSUED' AND expires_at <= ?"
                    + " ORDER BY expires_at, coupon_id LIMIT ? FOR UPDATE SKIP LOCKED";

    /**
     * Up to {@code limit} ISSUED coupons past their validity at {@code now}, locked for this transaction;
     * rows another server's job holds are skipped (it expires them), so several servers never wait on each
     * other nor expire a coupon twice.
     */
    List<Long> lockDueForExpiry(Instant now, int limit) {
        return jdbc.queryForList(DUE_FOR_EXPIRY, Long.class, ts(now), limit);
    }

    /** Marks the (locked) coupons EXPIRED; a row no longer ISSUED is left alone. */
    int expire(Collection<Long> couponIds, Instant now) {
        if (couponIds.isEmpty()) {
            return 0;
        }
        List<Object[]> args = new ArrayList<>();
        for (Long id : couponIds) {
            args.add(new Object[] {ts(now), id});
        }
        int[] updated = jdbc.batchUpdate(
                "UPDATE coupon_state SET status = 'EXPIRED', updated_at = ? WHERE coupon_id = ? AND status = 'ISSUED'",
                args);
        int n = 0;
        for (int u : updated) {
            n += u > 0 || u == java.sql.Statement.SUCCESS_NO_INFO ? 1 : 0;
        }
        return n;
    }

    /** How many coupons of the event are in each status (as stored). */
    Map<CouponStatus, Long> countByStatus(long eventId) {
        Map<CouponStatus, Long> counts = new EnumMap<>(CouponStatus.class);
        for (CouponStatus s : CouponStatus.values()) {
            counts.put(s, 0L);
        }
        jdbc.query(
                "SELECT status, COUNT(*) FROM coupon_state WHERE event_id = ? GROUP BY status",
                rs -> {
                    counts.put(CouponStatus.valueOf(rs.getString(1)), rs.getLong(2));
                },
                eventId);
        return counts;
    }

    /** When the event's first coupon was issued (empty while it has none). */
    Optional<Instant> firstIssuedAt(long eventId) {
        return Optional.ofNullable(jdbc.queryForObject(
                        "SELECT MIN(issued_at) FROM coupon_state WHERE event_id = ?", Timestamp.class, eventId))
                .map(Timestamp::toInstant);
    }

    /**
     * Hands every status change of the event's coupons after their first ISSUED (redeemed, released,
     * expired) to {@code each}, row by row (the caller keeps only its counts).
     */
    void changesOf(long eventId, TransitionHandler each) {
        jdbc.query(
                "SELECT t.from_status, t.to_status, t.at FROM coupon_transition t"
                        + " JOIN coupon_state s ON s.coupon_id = t.coupon_id"
                        + " WHERE s.event_id = ? AND t.from_status IS NOT NULL",
                rs -> {
                    each.on(
                            CouponStatus.valueOf(rs.getString(1)),
                            CouponStatus.valueOf(rs.getString(2)),
                            rs.getTimestamp(3).toInstant());
                },
                eventId);
    }

    /** One status change: from, to, when. */
    @FunctionalInterface
    interface TransitionHandler {
        void on(CouponStatus from, CouponStatus to, Instant at);
    }

    private static CouponState row(ResultSet rs, int i) throws SQLException {
        String type = rs.getString(7);
        CouponBenefit benefit = type == null
                ? null
                : new CouponBenefit(
                        BenefitType.valueOf(type),
                        rs.getObject(8, Long.class),
                        rs.getObject(9, Integer.class),
                        rs.getObject(10, Long.class),
                        rs.getObject(11, Long.class));
        return new CouponState(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                CouponStatus.valueOf(rs.getString(4)),
                rs.getTimestamp(5).toInstant(),
                instant(rs.getTimestamp(6)),
                benefit,
                rs.getObject(12, Long.class),
                rs.getString(13),
                rs.getObject(14, Long.class),
                rs.getObject(15, Long.class),
                rs.getString(16),
                instant(rs.getTimestamp(17)),
                rs.getInt(18),
                rs.getObject(19, Long.class));
    }

    static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
