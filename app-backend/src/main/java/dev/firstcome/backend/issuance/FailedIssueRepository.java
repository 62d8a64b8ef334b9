package dev.firstcome.backend.issuance;

import dev.firstcome.model.CouponAdmitted;
import dev.firstcome.model.FailedIssueStatus;
import dev.firstcome.model.FailedIssueView;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The {@code failed_issue} table (one row per event and user) and the {@code reissue_audit} trail. */
@Repository
class FailedIssueRepository {

    private static final int REASON_MAX = 1000;

    private final JdbcTemplate jdbc;
    private final IssuanceSql sql;
    private final String rank;

    FailedIssueRepository(DataSource dataSource, IssuanceSql sql) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.sql = sql;
        this.rank = sql.rank();
    }

    /** A failure to record: the admission and why it could not be persisted. */
    record Failure(CouponAdmitted admission, String reason) {}

    /**
     * Records failures: a new row is OPEN with one attempt; an existing row gets attempts + 1, the
     * new reason and time, and is OPEN again.
     */
    void recordFailures(List<Failure> failures, Instant now) {
        Timestamp at = Timestamp.from(now);
        jdbc.batchUpdate(sql.recordFailure(), failures, 500, (ps, f) -> {
            CouponAdmitted a = f.admission();
            ps.setLong(1, a.eventId());
            ps.setString(2, a.userId());
            ps.setLong(3, a.rank());
            ps.setLong(4, a.admissionId());
            ps.setDate(5, java.sql.Date.valueOf(a.day()));
            ps.setTimestamp(6, Timestamp.from(a.admittedAt()));
            ps.setString(7, truncate(f.reason()));
            ps.setTimestamp(8, at);
            ps.setTimestamp(9, at);
        });
    }

    List<FailedIssueView> find(Long eventId, FailedIssueStatus status) {
        StringBuilder sql = new StringBuilder(select()).append(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (eventId != null) {
            sql.append(" AND event_id = ?");
            args.add(eventId);
        }
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status.name());
        }
        sql.append(" ORDER BY last_failed_at DESC, id DESC");
        return jdbc.query(sql.toString(), VIEW, args.toArray());
    }

    List<FailedIssueView> findByIds(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String in = String.join(",", Collections.nCopies(ids.size(), "?"));
        return jdbc.query(select() + " WHERE id IN (" + in + ") ORDER BY id", VIEW, ids.toArray());
    }

    List<FailedIssueView> findOpenByEvent(long eventId) {
        return jdbc.query(select() + " WHERE event_id = ? AND status = 'OPEN' ORDER BY id", VIEW, eventId);
    }

    List<CouponAdmitted> findOpenAdmissions(long eventId) {
        return jdbc.query(
                "SELECT event_id, user_id, " + rank + ", admission_id, day, admitted_at FROM failed_issue"
                        + " WHERE event_id = ? AND status = 'OPEN' ORDER BY admission_id",
                CouponRepository.ADMISSION,
                eventId);
    }

    /** The admission a failed issue stands for. */
    CouponAdmitted admissionOf(long id) {
        return jdbc.queryForObject(
                "SELECT event_id, user_id, " + rank + ", admission_id, day, admitted_at FROM failed_issue WHERE id = ?",
                CouponRepository.ADMISSION,
                id);
    }

    long countOpen(long eventId) {
        Long n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM failed_issue WHERE event_id = ? AND status = 'OPEN'", Long.class, eventId);
        return n == null ? 0 : n;
    }

    List<Long> eventsWithOpen() {
        return jdbc.queryForList(
                "SELECT DISTINCT event_id FROM failed_issue WHERE status = 'OPEN' ORDER BY event_id", Long.class);
    }

    void markReissued(long id, Instant now) {
        jdbc.update(
                "UPDATE failed_issue SET status = 'REISSUED', resolved_at = ? WHERE id = ?", Timestamp.from(now), id);
    }

    void markStillFailing(long id, String reason, Instant now) {
        jdbc.update(
                "UPDATE failed_issue SET attempts = attempts + 1, reason = ?, last_failed_at = ? WHERE id = ?",
                truncate(reason),
                Timestamp.from(now),
                id);
    }

    void audit(
            Instant at,
            String operator,
            String trigger,
            boolean dryRun,
            int requested,
            int persisted,
            int skipped,
            int stillFailing) {
        jdbc.update(
                "INSERT INTO reissue_audit (at, operator, trigger_source, dry_run, requested, persisted, skipped,"
                        + " still_failing) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                Timestamp.from(at),
                operator.length() > 128 ? operator.substring(0, 128) : operator,
                trigger,
                dryRun,
                requested,
                persisted,
                skipped,
                stillFailing);
    }

    private String select() {
        return "SELECT id, event_id, user_id, " + rank + ", admission_id, reason, attempts, first_failed_at,"
                + " last_failed_at, status FROM failed_issue";
    }

    private static String truncate(String reason) {
        String r = reason == null || reason.isBlank() ? "unknown" : reason;
        return r.length() > REASON_MAX ? r.substring(0, REASON_MAX) : r;
    }

    private static final RowMapper<FailedIssueView> VIEW = (rs, i) -> new FailedIssueView(
            rs.getLong(1),
            rs.getLong(2),
            rs.getString(3),
            rs.getLong(4),
            rs.getLong(5),
            rs.getString(6),
            rs.getInt(7),
            rs.getTimestamp(8).toInstant(),
            rs.getTimestamp(9).toInstant(),
            FailedIssueStatus.valueOf(rs.getString(10)));
}
