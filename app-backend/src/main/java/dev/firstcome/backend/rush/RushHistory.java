package dev.firstcome.backend.rush;

import dev.firstcome.backend.infra.FirstComeNames;
import dev.firstcome.model.RushHistoryEntry;
import dev.firstcome.model.RushResult;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code rush_history} table: every finished rush and warm-up with its whole result, the newest
 * {@link #KEEP} per deployment. Writing it never fails a rush: a database that refuses is logged.
 */
@Repository
class RushHistory {

    /** How many finished rushes a deployment keeps (older ones are deleted as new ones finish). */
    static final int KEEP = 200;

    private static final Logger log = LoggerFactory.getLogger(RushHistory.class);

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final String scope;

    RushHistory(JdbcTemplate jdbc, JsonMapper json, FirstComeNames names) {
        this.jdbc = jdbc;
        this.json = json;
        this.scope = names.keyPrefix();
    }

    /** Records a finished rush (once: a second record of the same id is refused by the key and logged). */
    void record(String kind, String actor, RushResult result) {
        try {
            jdbc.update(
                    "INSERT INTO rush_history (rush_id, scope, kind, actor, state, finished_at, result)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    result.rushId(),
                    scope,
                    kind,
                    actor == null ? "unknown" : actor,
                    result.state().name(),
                    Timestamp.from(result.finishedAt()),
                    json.writeValueAsString(result));
            forgetOld();
        } catch (DataAccessException | tools.jackson.core.JacksonException e) {
            log.warn("Rush {} finished but could not be recorded in rush_history: {}", result.rushId(), e.getMessage());
        }
    }

    private void forgetOld() {
        List<Timestamp> cut = jdbc.queryForList(
                "SELECT finished_at FROM rush_history WHERE scope = ? ORDER BY finished_at DESC LIMIT 1 OFFSET ?",
                Timestamp.class,
                scope,
                KEEP);
        if (!cut.isEmpty()) {
            jdbc.update("DELETE FROM rush_history WHERE scope = ? AND finished_at <= ?", scope, cut.getFirst());
        }
    }

    /** The newest {@code limit} finished rushes and warm-ups of this deployment, newest first. */
    List<RushHistoryEntry> recent(int limit) {
        return jdbc.query(
                "SELECT rush_id, kind, actor, result FROM rush_history WHERE scope = ?"
                        + " ORDER BY finished_at DESC, rush_id LIMIT ?",
                this::entry,
                scope,
                limit);
    }

    /** One finished rush of this deployment. */
    Optional<RushHistoryEntry> find(String rushId) {
        return jdbc
                .query(
                        "SELECT rush_id, kind, actor, result FROM rush_history WHERE scope = ? AND rush_id = ?",
                        this::entry,
                        scope,
                        rushId)
                .stream()
                .findFirst();
    }

    private RushHistoryEntry entry(ResultSet rs, int row) throws SQLException {
        return new RushHistoryEntry(
                rs.getString("rush_id"),
                rs.getString("kind"),
                rs.getString("actor"),
                json.readValue(rs.getString("result"), RushResult.class));
    }
}
