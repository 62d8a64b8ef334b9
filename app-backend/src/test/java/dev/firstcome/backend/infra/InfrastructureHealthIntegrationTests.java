package dev.firstcome.backend.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.backend.support.HttpApi;
import dev.firstcome.backend.support.HttpApi.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** With nothing configured, the backend runs on its own embedded servers and reports each with its mode. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class InfrastructureHealthIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    InfrastructureApi infrastructure;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void healthIsUpAndReportsEachComponentWithItsMode() {
        Answer anonymous = new HttpApi(port).get("/actuator/health");
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.text("status")).isEqualTo("UP");
        assertThat(anonymous.body().has("components"))
                .as("no internal addresses without a token")
                .isFalse();

        Answer health = new HttpApi(port).admin("GET", "/actuator/health", null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("UP");
        var details = health.body().get("components").get("infrastructure").get("details");
        for (String component : new String[] {"redis", "kafka", "database"}) {
            assertThat(details.get(component).get("status").asString()).isEqualTo("UP");
            assertThat(details.get(component).get("mode").asString()).isEqualTo("embedded");
            assertThat(details.get(component).get("address").asString()).contains("127.0.0.1");
        }
    }

    @Test
    void facadeReportsComponentsApiUrlAndToken() {
        assertThat(infrastructure.components()).allMatch(c -> c.up() && c.mode().equals("embedded"));
        assertThat(infrastructure.httpApiUrl()).isEqualTo("http://127.0.0.1:" + port);
        assertThat(infrastructure.adminToken()).isEqualTo(HttpApi.ADMIN_TOKEN);
    }

    @Test
    void flywayMigratedTheSchemaOnTheEmbeddedPostgres() {
        String product = jdbc.queryForObject("SELECT version()", String.class);
        assertThat(product).startsWith("PostgreSQL 18");
        Integer migrated = jdbc.queryForObject(
                "SELECT COUNT(*) FROM flyway_schema_history WHERE success AND version = '1'", Integer.class);
        assertThat(migrated).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM coupon WHERE 1 = 0", Integer.class))
                .isZero();
    }
}
