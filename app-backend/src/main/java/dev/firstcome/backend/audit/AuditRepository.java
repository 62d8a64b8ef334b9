package dev.firstcome.backend.audit;

import dev.firstcome.model.AuditEntry;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@code audit_log}: append-only; read newest first. Same SQL on PostgreSQL and MySQL/MariaDB. */
@Repository
class AuditRepository {

    private final JdbcTemplate jdbc;

    AuditRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Instant at, String actor, String action, String target, String before, String after) {
        jdbc.update(
                "INSERT INTO audit_log (at, actor, action, target, before_state, after_state) VALUES (?, ?, ?, ?, ?, ?)",
                Timestamp.from(at),
                cut(actor, 128),
                cut(action, 64),
                cut(target, 128),
                before,
                after);
    }

    List<AuditEntry> recent(String actor, String action, String target, int limit) {
        var sql = new StringBuilder(
                "SELECT id, at, actor, action, target, before_state, after_state FROM audit_log WHERE 1 = 1");
        var args = new ArrayList<Object>();
        filter(sql, args, "actor", actor);
        filter(sql, args, "action", action);
        if (isWholeTarget(target)) {
            sql.append(" AND target = ?");
            args.add(target.strip());
        } else {
            filter(sql, args, "target", target);
        }
        sql.append(" ORDER BY id DESC LIMIT ").append(limit);
        return jdbc.query(
                sql.toString(),
                (rs, row) -> new AuditEntry(
                        rs.getLong("id"),
                        rs.getTimestamp("at").toInstant(),
                        rs.getString("actor"),
                        rs.getString("action"),
                        rs.getString("target"),
                        rs.getString("before_state"),
                        rs.getString("after_state")),
                args.toArray());
    }

    /**
     * A whole target ({@code event:42}: a kind, a colon and an id) matches only itself, so the search
     * for event 42 does not also list events 420 and 4200; anything else ({@code event:}, {@code 42})
     * matches as a part.
     */
    static boolean isWholeTarget(String value) {
        if (value == null) {
            return false;
        }
        String stripped = value.strip();
        int colon = stripped.indexOf(':');
        return colon > 0 && colon < stripped.length() - 1;
    }

    private static void filter(StringBuilder sql, List<Object> args, String column, String value) {
        if (value != null && !value.isBlank()) {
            sql.append(" AND ").append(column).append(" LIKE ?");
            args.add("%"
                    + value.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
    }

    private static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
