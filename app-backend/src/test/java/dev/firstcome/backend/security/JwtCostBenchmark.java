package dev.firstcome.backend.security;

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

/**
 * What customer identity costs per apply: the check both apply entrances run ({@link
 * CustomerIdentity#userId}: parse the header, verify the HS256 signature, validate exp/nbf/sub, compare the
 * body's userId), on one thread, over distinct tokens (one per customer, as in a rush). Not a test: run by
 * {@code bench/jwt-cost.sh}; results in docs/benchmarks.md.
 */
public final class JwtCostBenchmark {

    public static void main(String[] args) throws JOSEException {
        int tokens = Integer.getInteger("bench.tokens", 200_000);
        int rounds = Integer.getInteger("bench.rounds", 5);
        String secret = "bench-secret-bench-secret-bench-secret-0123";
        var identity =
                new CustomerIdentity(new CustomerIdentityProperties(secret, null, null, null), Clock.systemUTC());
        var signer = new MACSigner(secret.getBytes(StandardCharsets.UTF_8));
        String[] headers = new String[tokens];
        String[] users = new String[tokens];
        for (int i = 0; i < tokens; i++) {
            users[i] = "user-" + i;
            var jwt = new SignedJWT(
                    new JWSHeader(JWSAlgorithm.HS256),
                    new JWTClaimsSet.Builder()
                            .subject(users[i])
                            .issueTime(Date.from(Instant.now()))
                            .expirationTime(Date.from(Instant.now().plusSeconds(3600)))
                            .build());
            jwt.sign(signer);
            headers[i] = "Bearer " + jwt.serialize();
        }
        System.out.printf("token length: %d bytes%n", headers[0].length() - 7);
        long sink = 0;
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < tokens; i++) {
                sink += identity.userId(headers[i], users[i]).length();
            }
            long elapsed = System.nanoTime() - start;
            System.out.printf(
                    "round %d: %.2f us per apply, %.0f checks/s on one core%n",
                    round + 1, elapsed / 1_000.0 / tokens, tokens / (elapsed / 1e9));
        }
        long offStart = System.nanoTime();
        var off = new CustomerIdentity(new CustomerIdentityProperties(null, null, null, null), Clock.systemUTC());
        for (int i = 0; i < tokens; i++) {
            sink += off.userId(null, users[i]).length();
        }
        System.out.printf(
                "identity off: %.3f us per apply (sink %d)%n", (System.nanoTime() - offStart) / 1_000.0 / tokens, sink);
    }
}
