package dev.firstcome.backend.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;

/** The customer token's rules as docs/security.md states them: 60 s of clock skew, a string subject. */
class CustomerIdentityTests {

    static final String SECRET = "a-unit-test-secret-of-at-least-32-bytes-0123";

    private final CustomerIdentity identity =
            new CustomerIdentity(new CustomerIdentityProperties(SECRET, null, null, null), Clock.systemUTC());

    @Test
    void aTokenExpiredLessThanSixtySecondsAgoIsStillAccepted() {
        assertThat(identity.subject("Bearer " + token("alice", -1))).isEqualTo("alice");
        assertThat(identity.subject("Bearer " + token("alice", -50))).isEqualTo("alice");
    }

    @Test
    void aTokenExpiredMoreThanSixtySecondsAgoIsRefused() {
        assertThatThrownBy(() -> identity.subject("Bearer " + token("alice", -65)))
                .isInstanceOfSatisfying(
                        CustomerIdentityException.class,
                        e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void aSubjectThatIsNotAStringIsRefused() {
        assertThatThrownBy(() -> identity.subject("Bearer " + token(12345L, 300)))
                .isInstanceOfSatisfying(CustomerIdentityException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.field()).isEqualTo("Authorization");
                });
        assertThatThrownBy(() -> identity.subject("Bearer " + token(java.util.List.of("alice"), 300)))
                .isInstanceOf(CustomerIdentityException.class);
    }

    private static String token(Object subject, long expiresInSeconds) {
        try {
            var claims = new JWTClaimsSet.Builder()
                    .claim("sub", subject)
                    .issueTime(Date.from(Instant.now().minusSeconds(600)))
                    .expirationTime(Date.from(Instant.now().plusSeconds(expiresInSeconds)))
                    .build();
            var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
