package dev.firstcome.backend.issuance;

import dev.firstcome.backend.infra.SqlDialect;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Chooses the issuance SQL of the database in use, once. */
@Configuration(proxyBeanMethods = false)
class IssuanceSqlConfiguration {

    @Bean
    IssuanceSql issuanceSql(SqlDialect dialect, DataSource dataSource) {
        var jdbc = new JdbcTemplate(dataSource);
        return switch (dialect) {
            case POSTGRESQL -> new PostgresIssuanceSql(jdbc);
            case MYSQL -> new MySqlIssuanceSql(jdbc);
        };
    }
}
