package dev.firstcome.backend.infra;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/** The two SQL families FirstCome supports: PostgreSQL, and MySQL 8 / MariaDB. */
public enum SqlDialect {
    POSTGRESQL("postgresql"),
    MYSQL("mysql");

    private final String folder;

    SqlDialect(String folder) {
        this.folder = folder;
    }

    /** The Flyway migration folder under {@code db/migration}. */
    public String folder() {
        return folder;
    }

    /** Asks the database what it is; called once, by {@link SqlDialectConfiguration} (inject the bean instead). */
    public static SqlDialect detect(DataSource dataSource) {
        try (var connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            String product = meta.getDatabaseProductName().toLowerCase(Locale.ROOT);
            return product.contains("postgres") ? POSTGRESQL : MYSQL;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database to detect its kind", e);
        }
    }
}
