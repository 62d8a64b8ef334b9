package dev.firstcome.backend.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.backend.infra.InfrastructureApi;
import dev.firstcome.backend.support.HttpApi;
import dev.firstcome.backend.support.HttpApi.Answer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The apply contract is the same on the filter hot path, on the MVC controller and on the apply server. */
class ApplyContractBothPathsIntegrationTests {

    abstract static class Contract {

        @LocalServerPort
        int port;

        HttpApi api() {
            return new HttpApi(port);
        }

        @Test
        void answersIssuedRefusedBadInputUnknownEventAndWrongMediaType() {
            var api = api();
            long event = api.createOpenEvent("contract", 1, null);

            Answer issued = api.apply(event, "c1");
            assertThat(issued.status()).isEqualTo(201);
            assertThat(issued.text("outcome")).isEqualTo("ISSUED");
            assertThat(issued.number("rank")).isEqualTo(1);
            assertThat(issued.body().has("admissionId")).isFalse();

            Answer refused = api.apply(event, "c2");
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.isProblem()).isTrue();
            assertThat(refused.text("outcome")).isEqualTo("SOLD_OUT");
            assertThat(refused.text("instance")).isEqualTo("/api/events/" + event + "/apply");

            Answer bad = api.apply(event, "bad user");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.text("field")).isEqualTo("userId");

            Answer missing = api.post("/api/events/" + event + "/apply", "{}");
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.text("field")).isEqualTo("userId");

            Answer malformed = api.post("/api/events/" + event + "/apply", "{\"userId\":");
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.text("field")).isEqualTo("body");

            Answer unknown = api.apply(Long.MAX_VALUE, "c3");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.isProblem()).isTrue();

            Answer notANumber = api.post("/api/events/x1/apply", "{\"userId\":\"c4\"}");
            assertThat(notANumber.status()).isEqualTo(400);
            assertThat(notANumber.text("field")).isEqualTo("eventId");

            Answer text = api.send("POST", "/api/events/" + event + "/apply", null, false);
            assertThat(text.status()).isEqualTo(415);
            assertThat(text.isProblem()).isTrue();
        }
    }

    @Nested
    @SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
    class FastPath extends Contract {}

    @Nested
    @SpringBootTest(
            webEnvironment = WebEnvironment.RANDOM_PORT,
            properties = {"firstcome.admission.fast-path=false", "firstcome.namespace=mvcpath"})
    class ControllerPath extends Contract {}

    @Nested
    @SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
    class ApplyServer extends Contract {

        @Autowired
        InfrastructureApi infrastructure;

        @Override
        HttpApi api() {
            assertThat(infrastructure.applyApiUrl()).isNotEqualTo(infrastructure.httpApiUrl());
            return new HttpApi("http://127.0.0.1:" + port, infrastructure.applyApiUrl());
        }
    }
}
