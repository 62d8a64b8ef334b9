package dev.firstcome.backend.infra;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Picks the migration folder for the database in use: PostgreSQL, or MySQL 8 / MariaDB (one dialect of SQL). */
@Configuration(proxyBeanMethods = false)
class FlywayVendorConfiguration {

    @Bean
    FlywayConfigurationCustomizer firstcomeMigrationLocations(DataSource dataSource) {
        return configuration -> configuration.locations("classpath:db/migration/" + SqlDialect.detect(dataSource).folder());
    }

    /** The two SQL families FirstCome supports. */
    public enum SqlDialect {
        POSTGRESQL("postgresql"),
        MYSQL("mysql");

        private final String folder;

        SqlDialect(String folder) {
            this.folder = folder;
        }

        public String folder() {
            return folder;
        }

        public static SqlDialect detect(DataSource dataSource) {
            try (var connection = dataSource.getConnection()) {
                DatabaseMetaData meta = connection.getMetaData();
                String product = meta.getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
                return product.contains("postgres") ? POSTGRESQL : MYSQL;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot reach the database to detect its kind", e);
            }
        }
    }
}
