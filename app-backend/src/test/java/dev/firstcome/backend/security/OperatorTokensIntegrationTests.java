package dev.firstcome.backend.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.backend.support.HttpApi;
import dev.firstcome.backend.support.HttpApi.Answer;
import dev.firstcome.backend.support.RawHttp;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Operator tokens over real HTTP: roles, hashing, revocation, and the audit of each change. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OperatorTokensIntegrationTests {

    static final String EVENT = "{\"name\":\"roles\",\"totalQuantity\":5,\"startsAt\":\"2000-01-01T00:00:00Z\","
            + "\"endsAt\":\"2100-01-01T00:00:00Z\",\"zoneId\":\"UTC\"}";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    HttpApi api;

    @BeforeEach
    void setUp() {
        api = new HttpApi(port);
    }

    @Test
    void eachRoleDoesWhatItMayAndNothingMore() {
        String viewer = create("viewer one", "VIEWER");
        String operator = create("operator one", "OPERATOR");
        String admin = create("admin one", "ADMIN");

        assertThat(as(viewer, "GET", "/api/admin/events", null).status()).isEqualTo(200);
        assertThat(as(viewer, "GET", "/api/admin/pipeline", null).status()).isEqualTo(200);
        assertThat(as(viewer, "GET", "/api/admin/audit", null).status()).isEqualTo(200);
        assertThat(as(viewer, "GET", "/actuator/prometheus", null).status()).isEqualTo(200);
        Answer denied = as(viewer, "POST", "/api/admin/events", EVENT);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.isProblem()).isTrue();
        assertThat(as(viewer, "GET", "/api/admin/tokens", null).status()).isEqualTo(403);

        Answer created = as(operator, "POST", "/api/admin/events", EVENT);
        assertThat(created.status()).isEqualTo(201);
        long id = created.number("id");
        assertThat(as(operator, "POST", "/api/admin/events/" + id + "/pause", null)
                        .status())
                .isEqualTo(200);
        assertThat(as(operator, "GET", "/api/admin/tokens", null).status()).isEqualTo(403);
        assertThat(as(operator, "POST", "/api/admin/tokens", "{\"name\":\"escalate\",\"role\":\"ADMIN\"}")
                        .status())
                .isEqualTo(403);

        assertThat(as(admin, "GET", "/api/admin/tokens", null).status()).isEqualTo(200);
        assertThat(as(admin, "POST", "/api/admin/events/" + id + "/resume", null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void tokensAreStoredHashedListedWithoutSecretAndRevokedAtOnce() {
        Answer issued = api.admin("POST", "/api/admin/tokens", "{\"name\":\"ci bot\",\"role\":\"OPERATOR\"}");
        assertThat(issued.status()).isEqualTo(201);
        String secret = issued.body().get("secret").asString();
        long id = issued.body().get("token").get("id").asLong();
        assertThat(secret).startsWith("fc_").hasSize(51);

        List<String> stored = jdbc.queryForList("SELECT token_hash FROM operator_token WHERE id = ?", String.class, id);
        assertThat(stored).containsExactly(OperatorTokenService.hash(secret));
        assertThat(stored.getFirst()).doesNotContain(secret.substring(3));
        Answer list = api.admin("GET", "/api/admin/tokens", null);
        assertThat(list.body().toString()).doesNotContain(secret).contains("ci bot");

        assertThat(as(secret, "GET", "/api/admin/events", null).status()).isEqualTo(200);
        Answer revoked = api.admin("DELETE", "/api/admin/tokens/" + id, null);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.text("revokedBy")).isEqualTo(OperatorTokenService.BOOTSTRAP_NAME);
        Answer after = as(secret, "GET", "/api/admin/events", null);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.isProblem()).isTrue();
        assertThat(api.admin("DELETE", "/api/admin/tokens/" + id, null).status())
                .as("revoking twice is harmless")
                .isEqualTo(200);
        assertThat(api.admin("DELETE", "/api/admin/tokens/999999999", null).status())
                .isEqualTo(404);
    }

    @Test
    void badTokenRequestsAreRefusedWithTheFieldAndChangeNothing() {
        long before = jdbc.queryForObject("SELECT COUNT(*) FROM operator_token", Long.class);
        for (String body : List.of(
                "{\"name\":\"\",\"role\":\"VIEWER\"}",
                "{\"name\":\"x\"}",
                "{\"name\":\"x\",\"role\":\"ROOT\"}",
                "{\"name\":\"bad\\u0000name\",\"role\":\"VIEWER\"}",
                "{\"name\":\"" + "n".repeat(101) + "\",\"role\":\"VIEWER\"}")) {
            Answer answer = api.admin("POST", "/api/admin/tokens", body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.isProblem()).isTrue();
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM operator_token", Long.class))
                .isEqualTo(before);
    }

    @Test
    void tokenChangesAreAuditedWithTheirAuthor() {
        Answer issued = api.admin("POST", "/api/admin/tokens", "{\"name\":\"audited\",\"role\":\"VIEWER\"}");
        long id = issued.body().get("token").get("id").asLong();
        api.admin("DELETE", "/api/admin/tokens/" + id, null);

        Answer audit = api.admin("GET", "/api/admin/audit?target=token:" + id, null);
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.body()).hasSize(2);
        assertThat(audit.body().get(0).get("action").asString()).isEqualTo("token.revoke");
        assertThat(audit.body().get(1).get("action").asString()).isEqualTo("token.create");
        assertThat(audit.body().get(1).get("actor").asString()).isEqualTo(OperatorTokenService.BOOTSTRAP_NAME);
        assertThat(audit.body().toString())
                .doesNotContain(issued.body().get("secret").asString());
    }

    @Test
    void eventChangesAreAuditedWithWhoBeforeAndAfter() {
        String operator = create("auditor", "OPERATOR");
        long id = as(operator, "POST", "/api/admin/events", EVENT).number("id");
        as(operator, "PATCH", "/api/admin/events/" + id, "{\"totalQuantity\":9}");
        as(operator, "POST", "/api/admin/events/" + id + "/pause", null);
        as(operator, "POST", "/api/admin/events/" + id + "/pause", null); // no change: no entry

        Answer audit = api.admin("GET", "/api/admin/audit?target=event:" + id, null);
        assertThat(audit.body()).hasSize(3);
        var pause = audit.body().get(0);
        assertThat(pause.get("action").asString()).isEqualTo("event.pause");
        assertThat(pause.get("actor").asString()).startsWith("auditor (token ");
        assertThat(pause.get("before").asString()).contains("\"status\":\"ACTIVE\"");
        assertThat(pause.get("after").asString()).contains("\"status\":\"PAUSED\"");
        var update = audit.body().get(1);
        assertThat(update.get("action").asString()).isEqualTo("event.update");
        assertThat(update.get("before").asString()).contains("\"totalQuantity\":5");
        assertThat(update.get("after").asString()).contains("\"totalQuantity\":9");
        assertThat(audit.body().get(2).get("action").asString()).isEqualTo("event.create");
        assertThat(api.as(create("just looking", "VIEWER"), "GET", "/api/admin/audit?actor=auditor", null)
                        .body()
                        .size())
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void anUnknownOrMalformedTokenIs401Problem() {
        for (String token : List.of("fc_0000", "not a token", "a.b.c")) {
            var reply = RawHttp.send(port, "GET", "/api/admin/events", token, null);
            assertThat(reply.status()).as(token).isEqualTo(401);
            assertThat(reply.isProblem()).isTrue();
        }
    }

    private String create(String name, String role) {
        Answer issued = api.admin("POST", "/api/admin/tokens", "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}");
        assertThat(issued.status()).isEqualTo(201);
        return issued.body().get("secret").asString();
    }

    private Answer as(String token, String method, String path, String body) {
        return api.as(token, method, path, body);
    }
}
