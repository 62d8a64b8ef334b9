package dev.firstcome.backend.rush.warmup;

import dev.firstcome.backend.infra.FirstComeNames;
import dev.firstcome.model.WarmupPlan;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code warmup_plan} table: scheduled warm-ups outlive a restart, and every server sharing the
 * database sees (and runs) them. {@code rush_id} is set by the first server that started it.
 */
@Repository
class WarmupPlanStore {

    private static final String COLUMNS = "id, for_event_id, run_at, users, concurrency, rush_id";

    private final JdbcTemplate jdbc;
    /** Servers of one deployment share plans; tests and other deployments on the same database do not. */
    private final String scope;

    WarmupPlanStore(JdbcTemplate jdbc, FirstComeNames names) {
        this.jdbc = jdbc;
        this.scope = names.keyPrefix();
    }

    void save(WarmupPlan plan, Instant createdAt) {
        jdbc.update(
                "INSERT INTO warmup_plan (" + COLUMNS + ", created_at, scope) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                plan.id(),
                plan.forEventId(),
                Timestamp.from(plan.runAt()),
                plan.users(),
                plan.concurrency(),
                plan.rushId(),
                Timestamp.from(createdAt),
                scope);
    }

    /** Records the rush a warm-up became (the first server's, when several ran it). */
    void started(String id, String rushId) {
        jdbc.update(
                "UPDATE warmup_plan SET rush_id = ? WHERE id = ? AND scope = ? AND rush_id IS NULL", rushId, id, scope);
    }

    /** Whether the warm-up is still planned (not cancelled, here or by another server). */
    boolean exists(String id) {
        Integer n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM warmup_plan WHERE id = ? AND scope = ?", Integer.class, id, scope);
        return n != null && n > 0;
    }

    /** Removes a warm-up that has not started; false when unknown or already started. */
    boolean cancel(String id) {
        return jdbc.update("DELETE FROM warmup_plan WHERE id = ? AND scope = ? AND rush_id IS NULL", id, scope) == 1;
    }

    /** Warm-ups whose time is at or after {@code since}, newest first. */
    List<WarmupPlan> since(Instant since) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM warmup_plan WHERE scope = ? AND run_at >= ? ORDER BY run_at DESC",
                WarmupPlanStore::plan,
                scope,
                Timestamp.from(since));
    }

    /** Warm-ups not started yet. */
    List<WarmupPlan> pending() {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM warmup_plan WHERE scope = ? AND rush_id IS NULL",
                WarmupPlanStore::plan,
                scope);
    }

    /** Forgets warm-ups whose time is before {@code before} (started or missed). */
    int forgetBefore(Instant before) {
        return jdbc.update("DELETE FROM warmup_plan WHERE scope = ? AND run_at < ?", scope, Timestamp.from(before));
    }

    private static WarmupPlan plan(ResultSet rs, int row) throws SQLException {
        long forEvent = rs.getLong(2);
        // wasNull() speaks of the last column read: ask it before reading another (a plan without an
        // event used to come back as event 0)
        Long forEventId = rs.wasNull() ? null : forEvent;
        return new WarmupPlan(
                rs.getString(1),
                forEventId,
                rs.getTimestamp(3).toInstant(),
                rs.getInt(4),
                rs.getInt(5),
                rs.getString(6));
    }
}
