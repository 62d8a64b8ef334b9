package dev.firstcome.backend.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.backend.infra.SqlDialectConfiguration;
import dev.firstcome.model.AuditEntry;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;

/**
 * Slice test of {@code audit_log} against the real database (the embedded PostgreSQL, migrated by
 * Flyway); each test rolls back.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({AuditRepository.class, SqlDialectConfiguration.class})
class AuditRepositoryTests {

    static final Instant AT = Instant.parse("2030-01-01T10:00:00Z");

    @Autowired
    AuditRepository audit;

    @Test
    void recentIsNewestFirstAndFiltersByPartOfActorActionAndTarget() {
        String actor = "slice-" + UUID.randomUUID();
        audit.insert(AT, actor, "event.pause", "event:4", "{\"status\":\"ACTIVE\"}", "{\"status\":\"PAUSED\"}");
        audit.insert(AT.plusSeconds(1), actor, "event.resume", "event:4", null, null);
        audit.insert(AT.plusSeconds(2), actor, "token.create", "token:9", null, "{}");

        assertThat(audit.recent(actor, null, null, 10))
                .extracting(AuditEntry::action)
                .containsExactly("token.create", "event.resume", "event.pause");
        assertThat(audit.recent(actor, "event.", "event:4", 10))
                .extracting(AuditEntry::action)
                .containsExactly("event.resume", "event.pause");
        assertThat(audit.recent(actor, null, null, 1)).hasSize(1);

        AuditEntry pause = audit.recent(actor, "pause", null, 10).getFirst();
        assertThat(pause.at()).isEqualTo(AT);
        assertThat(pause.target()).isEqualTo("event:4");
        assertThat(pause.before()).isEqualTo("{\"status\":\"ACTIVE\"}");
        assertThat(pause.after()).isEqualTo("{\"status\":\"PAUSED\"}");
    }

    @Test
    void aWholeTargetMatchesOnlyItselfAndAPartMatchesEveryTargetHoldingIt() {
        String actor = "slice-" + UUID.randomUUID();
        audit.insert(AT, actor, "event.pause", "event:4", null, null);
        audit.insert(AT.plusSeconds(1), actor, "event.pause", "event:42", null, null);
        audit.insert(AT.plusSeconds(2), actor, "token.create", "token:4", null, null);

        assertThat(audit.recent(actor, null, "event:4", 10))
                .extracting(AuditEntry::target)
                .containsExactly("event:4");
        assertThat(audit.recent(actor, null, " event:42 ", 10))
                .extracting(AuditEntry::target)
                .containsExactly("event:42");
        assertThat(audit.recent(actor, null, "event:", 10))
                .extracting(AuditEntry::target)
                .containsExactly("event:42", "event:4");
        assertThat(audit.recent(actor, null, "4", 10))
                .extracting(AuditEntry::target)
                .containsExactly("token:4", "event:42", "event:4");
    }

    @Test
    void likeWildcardsInAFilterAreLiteral() {
        String actor = "slice-" + UUID.randomUUID();
        audit.insert(AT, actor, "event_pause", "event:1", null, null);
        audit.insert(AT, actor, "eventXpause", "event:2", null, null);

        assertThat(audit.recent(actor, "event_pause", null, 10))
                .extracting(AuditEntry::target)
                .containsExactly("event:1");
        assertThat(audit.recent(actor, "%", null, 10)).isEmpty();
    }

    @Test
    void longValuesAreCutToTheirColumns() {
        String actor = "slice-" + UUID.randomUUID();
        audit.insert(AT, actor, "a".repeat(100), "t".repeat(200), null, null);

        AuditEntry entry = audit.recent(actor, null, null, 10).getFirst();
        assertThat(entry.action()).hasSize(64);
        assertThat(entry.target()).hasSize(128);
    }
}
