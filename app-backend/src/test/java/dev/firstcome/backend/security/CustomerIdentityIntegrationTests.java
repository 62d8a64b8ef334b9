package dev.firstcome.backend.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.firstcome.backend.infra.InfrastructureApi;
import dev.firstcome.backend.support.HttpApi;
import dev.firstcome.backend.support.HttpApi.Answer;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Finding 3 of the security review: anyone could apply as anyone. With a customer JWT secret configured,
 * both entrances (the apply server and the main port) and the coupon reads need a bearer JWT whose
 * {@code sub} is the customer; another user's id in the body is refused and admits nothing.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "firstcome.customer.jwt-secret=" + CustomerIdentityIntegrationTests.SECRET,
            "firstcome.namespace=identity"
        })
class CustomerIdentityIntegrationTests {

    static final String SECRET = "a-test-secret-of-at-least-32-bytes-0123456789";

    @LocalServerPort
    int port;

    @Autowired
    InfrastructureApi infrastructure;

    @Autowired
    JdbcTemplate jdbc;

    HttpApi mainPort;
    HttpApi applyServer;

    @BeforeEach
    void setUp() {
        mainPort = new HttpApi("http://127.0.0.1:" + port);
        applyServer = new HttpApi("http://127.0.0.1:" + port, infrastructure.applyApiUrl());
        assertThat(infrastructure.applyApiUrl()).doesNotEndWith(":" + port);
    }

    @Test
    void bothEntrancesApplyForTheTokensSubjectOnly() {
        for (HttpApi entrance : List.of(applyServer, mainPort)) {
            long event = mainPort.createOpenEvent("identity", 10, null);
            String alice = token("alice", 300, SECRET);

            Answer anonymous = apply(entrance, event, null, "{\"userId\":\"alice\"}");
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.isProblem()).isTrue();
            assertThat(anonymous.text("field")).isEqualTo("Authorization");

            Answer impostor = apply(entrance, event, token("mallory", 300, SECRET), "{\"userId\":\"alice\"}");
            assertThat(impostor.status()).isEqualTo(403);
            assertThat(impostor.text("field")).isEqualTo("userId");

            Answer forged =
                    apply(entrance, event, token("alice", 300, "another-secret-of-at-least-32-bytes-xyz"), "{}");
            assertThat(forged.status()).isEqualTo(401);
            Answer expired = apply(entrance, event, token("alice", -120, SECRET), "{}");
            assertThat(expired.status()).isEqualTo(401);
            Answer garbage = apply(entrance, event, "not-a-jwt", "{}");
            assertThat(garbage.status()).isEqualTo(401);

            assertThat(admitted(event)).as("no refused request admitted anyone").isZero();

            Answer won = apply(entrance, event, alice, "{}");
            assertThat(won.status()).isEqualTo(201);
            assertThat(won.text("userId")).isEqualTo("alice");
            Answer again = apply(entrance, event, alice, "{\"userId\":\"alice\"}");
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.text("outcome")).isEqualTo("ALREADY_APPLIED");
        }
    }

    @Test
    void expiryHasSixtySecondsOfSkewAndTheSubjectMustBeAStringOnBothEntrances() {
        for (HttpApi entrance : List.of(applyServer, mainPort)) {
            long event = mainPort.createOpenEvent("identity skew", 10, null);

            Answer numericSubject = apply(entrance, event, tokenWithClaim("sub", 12345L, 300), "{}");
            assertThat(numericSubject.status()).isEqualTo(401);
            assertThat(numericSubject.text("field")).isEqualTo("Authorization");
            Answer expiredBeyondSkew = apply(entrance, event, token("dave", -65, SECRET), "{}");
            assertThat(expiredBeyondSkew.status()).isEqualTo(401);
            assertThat(admitted(event)).isZero();

            Answer expiredWithinSkew = apply(entrance, event, token("dave", -1, SECRET), "{}");
            assertThat(expiredWithinSkew.status()).isEqualTo(201);
            assertThat(expiredWithinSkew.text("userId")).isEqualTo("dave");
        }
    }

    @Test
    void aCustomerReadsOnlyTheirOwnCoupons() {
        long event = mainPort.createOpenEvent("identity coupons", 10, null);
        String bob = token("bob", 300, SECRET);
        assertThat(apply(applyServer, event, bob, "{}").status()).isEqualTo(201);

        assertThat(mainPort.get("/api/users/bob/coupons").status()).isEqualTo(401);
        assertThat(mainPort.as(token("carol", 300, SECRET), "GET", "/api/users/bob/coupons", null)
                        .status())
                .isEqualTo(403);
        assertThat(mainPort.as(bob, "GET", "/api/users/bob/coupons", null).status())
                .isEqualTo(200);
        assertThat(mainPort.admin("GET", "/api/users/bob/coupons", null).status())
                .as("an operator may look")
                .isEqualTo(200);
    }

    private Answer apply(HttpApi entrance, long event, String token, String body) {
        return entrance.as(token, "POST", "/api/events/" + event + "/apply", body);
    }

    private long admitted(long event) {
        return applyServer
                .admin("GET", "/api/admin/events/" + event + "/stats", null)
                .body()
                .get("admitted")
                .asLong();
    }

    private static String tokenWithClaim(String name, Object value, long expiresInSeconds) {
        try {
            var claims = new JWTClaimsSet.Builder()
                    .claim(name, value)
                    .issueTime(Date.from(Instant.now().minusSeconds(600)))
                    .expirationTime(Date.from(Instant.now().plusSeconds(expiresInSeconds)))
                    .build();
            var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String token(String subject, long expiresInSeconds, String secret) {
        try {
            var claims = new JWTClaimsSet.Builder()
                    .subject(subject)
                    .issueTime(Date.from(Instant.now().minusSeconds(600)))
                    .expirationTime(Date.from(Instant.now().plusSeconds(expiresInSeconds)))
                    .build();
            var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
