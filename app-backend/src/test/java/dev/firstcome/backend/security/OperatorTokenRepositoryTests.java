package dev.firstcome.backend.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.backend.infra.SqlDialectConfiguration;
import dev.firstcome.model.OperatorRole;
import dev.firstcome.model.OperatorTokenView;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;

/** Slice test of {@code operator_token} against the real (embedded, migrated) database; each test rolls back. */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({OperatorTokenRepository.class, SqlDialectConfiguration.class})
class OperatorTokenRepositoryTests {

    static final Instant AT = Instant.parse("2030-01-01T10:00:00Z");

    @Autowired
    OperatorTokenRepository tokens;

    @Test
    void anInsertedTokenIsFoundByIdAndByItsHashWhileActive() {
        String hash = UUID.randomUUID().toString();
        long id = tokens.insert("ci", OperatorRole.OPERATOR, hash, AT, "admin");

        OperatorTokenView token = tokens.find(id).orElseThrow();
        assertThat(token.name()).isEqualTo("ci");
        assertThat(token.role()).isEqualTo(OperatorRole.OPERATOR);
        assertThat(token.createdAt()).isEqualTo(AT);
        assertThat(token.createdBy()).isEqualTo("admin");
        assertThat(token.revokedAt()).isNull();
        assertThat(tokens.findActiveByHash(hash)).contains(token);
        assertThat(tokens.findAll()).contains(token);
    }

    @Test
    void aRevokedTokenIsNoLongerActiveAndTheFirstRevocationStays() {
        String hash = UUID.randomUUID().toString();
        long id = tokens.insert("ci", OperatorRole.VIEWER, hash, AT, "admin");

        tokens.revoke(id, AT.plusSeconds(60), "alice");
        tokens.revoke(id, AT.plusSeconds(120), "bob");

        OperatorTokenView revoked = tokens.find(id).orElseThrow();
        assertThat(revoked.revokedAt()).isEqualTo(AT.plusSeconds(60));
        assertThat(revoked.revokedBy()).isEqualTo("alice");
        assertThat(tokens.findActiveByHash(hash)).isEmpty();
    }

    @Test
    void anUnknownIdIsEmpty() {
        assertThat(tokens.find(Long.MAX_VALUE)).isEmpty();
    }
}
