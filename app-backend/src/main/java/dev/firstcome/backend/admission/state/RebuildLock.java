package dev.firstcome.backend.admission.state;

import dev.firstcome.backend.infra.FirstComeNames;
import dev.firstcome.backend.infra.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * A database lock per event (PostgreSQL advisory lock, MySQL/MariaDB {@code GET_LOCK}) so that of
 * several instances only one rebuilds an event's Redis state at a time: a second rebuild that ran
 * right after the first one admitted again would wipe those admissions. The lock is held on one
 * connection for the length of the rebuild and never waited for.
 */
@Component
class RebuildLock {

    private final DataSource dataSource;
    private final FirstComeNames names;
    private final SqlDialect dialect;

    RebuildLock(DataSource dataSource, FirstComeNames names, SqlDialect dialect) {
        this.dataSource = dataSource;
        this.names = names;
        this.dialect = dialect;
    }

    /** Runs {@code work} holding the event's lock; empty when another holder has it. */
    <T> Optional<T> tryWithLock(long eventId, Supplier<T> work) {
        String name = lockName(eventId);
        try (Connection connection = dataSource.getConnection()) {
            boolean postgres = dialect == SqlDialect.POSTGRESQL;
            if (!query(
                    connection,
                    postgres ? "SELECT pg_try_advisory_lock(hashtext(?))" : "SELECT GET_LOCK(?, 0)",
                    name)) {
                return Optional.empty();
            }
            try {
                return Optional.of(work.get());
            } finally {
                query(connection, postgres ? "SELECT pg_advisory_unlock(hashtext(?))" : "SELECT RELEASE_LOCK(?)", name);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("Could not take the rebuild lock of event " + eventId, e);
        }
    }

    /** At most 64 characters (the MySQL limit). */
    String lockName(long eventId) {
        String name = "fc-rebuild:" + names.keyPrefix() + ":" + eventId;
        return name.length() <= 64 ? name : "fc-rebuild:" + Integer.toHexString(name.hashCode()) + ":" + eventId;
    }

    private static boolean query(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    return false;
                }
                Object value = result.getObject(1);
                return value instanceof Boolean b ? b : value instanceof Number n && n.intValue() == 1;
            }
        }
    }
}
