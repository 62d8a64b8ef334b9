package dev.firstcome.backend.lab;

import dev.firstcome.backend.infra.SqlDialect;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * SQL shared by the database strategies: the event's stock row ({@code lab_stock}: issued, version)
 * and its claims ({@code lab_claim}, one row per ISSUED decision; no unique key, see V20).
 */
@Component
class LabStockStore {

    private final JdbcTemplate jdbc;
    private final Set<Long> stocked = ConcurrentHashMap.newKeySet();
    private final SqlDialect dialect;

    LabStockStore(JdbcTemplate jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /** Creates the event's stock row (issued 0) once; safe to race. */
    void ensureStock(long eventId) {
        if (stocked.contains(eventId)) {
            return;
        }
        String sql = dialect == SqlDialect.POSTGRESQL
                ? "INSERT INTO lab_stock (event_id, issued, version) VALUES (?, 0, 0) ON CONFLICT (event_id) DO NOTHING"
                : "INSERT IGNORE INTO lab_stock (event_id, issued, version) VALUES (?, 0, 0)";
        jdbc.update(sql, eventId);
        stocked.add(eventId);
    }

    int issued(long eventId) {
        Integer issued = jdbc.queryForObject("SELECT issued FROM lab_stock WHERE event_id = ?", Integer.class, eventId);
        return issued == null ? 0 : issued;
    }

    int issuedForUpdate(long eventId) {
        Integer issued = jdbc.queryForObject(
                "SELECT issued FROM lab_stock WHERE event_id = ? FOR UPDATE", Integer.class, eventId);
        return issued == null ? 0 : issued;
    }

    /** The naive write: sets the counter to what the caller computed from its (possibly stale) read. */
    void setIssued(long eventId, int issued) {
        jdbc.update("UPDATE lab_stock SET issued = ?, version = version + 1 WHERE event_id = ?", issued, eventId);
    }

    void increment(long eventId) {
        jdbc.update("UPDATE lab_stock SET issued = issued + 1, version = version + 1 WHERE event_id = ?", eventId);
    }

    /** The atomic conditional update: 1 when a unit was taken, 0 when sold out. */
    int incrementBelow(long eventId, int limit) {
        return jdbc.update(
                "UPDATE lab_stock SET issued = issued + 1, version = version + 1 WHERE event_id = ? AND issued < ?",
                eventId,
                limit);
    }

    void decrement(long eventId) {
        jdbc.update(
                "UPDATE lab_stock SET issued = issued - 1, version = version + 1 WHERE event_id = ? AND issued > 0",
                eventId);
    }

    /** The event's claims (db-count-then-insert's whole bookkeeping). */
    long claims(long eventId) {
        Long found = jdbc.queryForObject("SELECT COUNT(*) FROM lab_claim WHERE event_id = ?", Long.class, eventId);
        return found == null ? 0 : found;
    }

    /** One atomic {@code issued = issued + n} (the buffered strategies' flush); 0 rows when there is no stock row. */
    int add(long eventId, long n) {
        return jdbc.update(
                "UPDATE lab_stock SET issued = issued + ?, version = version + 1 WHERE event_id = ?", n, eventId);
    }

    boolean claimed(long eventId, String userId) {
        Integer found = jdbc.queryForObject(
                "SELECT COUNT(*) FROM lab_claim WHERE event_id = ? AND user_id = ?", Integer.class, eventId, userId);
        return found != null && found > 0;
    }

    /** Inserts a claim and returns its id (used as the admission id). */
    long claim(long eventId, String userId, long rank, Instant now) {
        var keyHolder = new GeneratedKeyHolder();
        jdbc.update(
                connection -> {
                    PreparedStatement statement = connection.prepareStatement(
                            "INSERT INTO lab_claim (event_id, user_id, claim_rank, claimed_at) VALUES (?, ?, ?, ?)",
                            new String[] {"id"});
                    statement.setLong(1, eventId);
                    statement.setString(2, userId);
                    statement.setLong(3, rank);
                    statement.setTimestamp(4, Timestamp.from(now));
                    return statement;
                },
                keyHolder);
        Number key = keyHolder.getKeys() == null || keyHolder.getKeys().isEmpty()
                ? keyHolder.getKey()
                : (Number) keyHolder.getKeys().values().iterator().next();
        return key == null ? 0 : key.longValue();
    }

    void unclaim(long eventId, long claimId) {
        jdbc.update("DELETE FROM lab_claim WHERE event_id = ? AND id = ?", eventId, claimId);
    }
}
