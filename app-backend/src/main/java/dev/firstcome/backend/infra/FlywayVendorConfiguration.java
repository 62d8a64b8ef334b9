package dev.firstcome.backend.infra;

import javax.sql.DataSource;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Picks the migration folder for the database in use: PostgreSQL, or MySQL 8 / MariaDB (one dialect of SQL). */
@Configuration(proxyBeanMethods = false)
class FlywayVendorConfiguration {

    @Bean
    FlywayConfigurationCustomizer firstcomeMigrationLocations(DataSource dataSource) {
        return configuration -> configuration.locations(
                "classpath:db/migration/" + SqlDialect.detect(dataSource).folder());
    }
}
