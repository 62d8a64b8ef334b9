package dev.firstcome.backend.infra;

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
 * A named lock shared by every server of the deployment (PostgreSQL advisory lock, MySQL/MariaDB {@code
 * GET_LOCK}), held on one connection for the length of the work and never waited for. The database
 * drops it with the connection, so a server killed while holding it holds it no longer.
 */
@Component
public class DatabaseLock {

    private final DataSource dataSource;
    private final SqlDialect dialect;

    DatabaseLock(DataSource dataSource, SqlDialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /** Runs {@code work} holding the lock {@code name} (at most 64 characters); empty when another holder has it. */
    public <T> Optional<T> tryWithLock(String name, Supplier<T> work) {
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
            throw new DataAccessResourceFailureException("Could not take the database lock " + name, e);
        }
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
