package dev.firstcome.backend.infra;

import javax.sql.DataSource;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The database in use, detected once at startup: PostgreSQL, or MySQL 8 / MariaDB (one dialect of
 * SQL). Everything that writes dialect-specific SQL is given this {@link SqlDialect} bean; Flyway takes
 * the migration folder of the same dialect. Public so that repository slice tests can import it.
 */
@Configuration(proxyBeanMethods = false)
public class SqlDialectConfiguration {

    @Bean
    SqlDialect sqlDialect(DataSource dataSource) {
        return SqlDialect.detect(dataSource);
    }

    @Bean
    FlywayConfigurationCustomizer firstcomeMigrationLocations(SqlDialect sqlDialect) {
        return configuration -> configuration.locations("classpath:db/migration/" + sqlDialect.folder());
    }
}
