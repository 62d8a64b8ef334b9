package dev.firstcome.backend.monitor;

import dev.firstcome.backend.infra.SqlDialect;
import dev.firstcome.model.OutboxStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the event publication registry's unsent events (one grouped query on its completion-date index). The
 * registry is shared by every server on the database, so this is the backlog of all of them.
 */
@Component
class OutboxBacklog {

    private final JdbcTemplate jdbc;
    private final String table;

    OutboxBacklog(JdbcTemplate jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        // Spring Modulith's JDBC schema names the table in upper case on MySQL/MariaDB (case-sensitive there)
        this.table = dialect == SqlDialect.POSTGRESQL ? "event_publication" : "EVENT_PUBLICATION";
    }

    OutboxStatus status() {
        Map<String, Long> byType = new TreeMap<>();
        Instant[] oldest = {null};
        jdbc.query(
                "SELECT event_type, COUNT(*), MIN(publication_date) FROM " + table
                        + " WHERE completion_date IS NULL GROUP BY event_type",
                rs -> {
                    String type = rs.getString(1);
                    byType.merge(type.substring(type.lastIndexOf('.') + 1), rs.getLong(2), Long::sum);
                    Timestamp at = rs.getTimestamp(3);
                    if (at != null && (oldest[0] == null || at.toInstant().isBefore(oldest[0]))) {
                        oldest[0] = at.toInstant();
                    }
                });
        long unsent = byType.values().stream().mapToLong(Long::longValue).sum();
        return new OutboxStatus(unsent, oldest[0], byType);
    }
}
