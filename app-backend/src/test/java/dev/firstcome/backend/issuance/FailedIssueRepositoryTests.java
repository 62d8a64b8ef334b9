package dev.firstcome.backend.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.backend.infra.SqlDialectConfiguration;
import dev.firstcome.model.CouponAdmitted;
import dev.firstcome.model.FailedIssueStatus;
import dev.firstcome.model.FailedIssueView;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;

/**
 * Slice test of {@code failed_issue} against the real (embedded, migrated) database, through the
 * dialect's upsert; each test rolls back.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({FailedIssueRepository.class, IssuanceSqlConfiguration.class, SqlDialectConfiguration.class})
class FailedIssueRepositoryTests {

    static final Instant AT = Instant.parse("2030-01-01T10:00:00Z");

    @Autowired
    FailedIssueRepository failures;

    long eventId;

    @BeforeEach
    void freshEvent() {
        eventId = ThreadLocalRandom.current().nextLong(1_000_000L, 1_000_000_000_000L);
    }

    CouponAdmitted admission(String user, long rank) {
        return new CouponAdmitted(eventId, user, rank, eventId * 10 + rank, LocalDate.of(2030, 1, 1), AT);
    }

    @Test
    void aFailureIsOpenWithOneAttemptAndARepeatCountsUp() {
        failures.recordFailures(List.of(new FailedIssueRepository.Failure(admission("u1", 1), "db down")), AT);
        failures.recordFailures(
                List.of(new FailedIssueRepository.Failure(admission("u1", 1), "still down")), AT.plusSeconds(5));

        FailedIssueView failure = failures.findOpenByEvent(eventId).getFirst();
        assertThat(failure.userId()).isEqualTo("u1");
        assertThat(failure.rank()).isEqualTo(1);
        assertThat(failure.attempts()).isEqualTo(2);
        assertThat(failure.reason()).isEqualTo("still down");
        assertThat(failure.firstFailedAt()).isEqualTo(AT);
        assertThat(failure.lastFailedAt()).isEqualTo(AT.plusSeconds(5));
        assertThat(failure.status()).isEqualTo(FailedIssueStatus.OPEN);
        assertThat(failures.countOpen(eventId)).isEqualTo(1);
        assertThat(failures.eventsWithOpen()).contains(eventId);
        assertThat(failures.admissionOf(failure.id())).isEqualTo(admission("u1", 1));
    }

    @Test
    void aReissuedFailureLeavesTheOpenOnesAndOpensAgainWhenItFailsAgain() {
        failures.recordFailures(
                List.of(
                        new FailedIssueRepository.Failure(admission("u1", 1), null),
                        new FailedIssueRepository.Failure(admission("u2", 2), "x".repeat(2000))),
                AT);
        List<FailedIssueView> open = failures.findOpenByEvent(eventId);
        assertThat(open).extracting(FailedIssueView::reason).containsExactly("unknown", "x".repeat(1000));

        failures.markReissued(open.getFirst().id(), AT.plusSeconds(1));

        assertThat(failures.findOpenAdmissions(eventId)).containsExactly(admission("u2", 2));
        assertThat(failures.find(eventId, FailedIssueStatus.REISSUED))
                .extracting(FailedIssueView::userId)
                .containsExactly("u1");
        assertThat(failures.find(eventId, null)).hasSize(2);
        failures.recordFailures(List.of(new FailedIssueRepository.Failure(admission("u1", 1), "again")), AT);
        assertThat(failures.countOpen(eventId)).isEqualTo(2);
    }

    @Test
    void stillFailingCountsAnAttemptAndFindByIdsKeepsIdOrder() {
        failures.recordFailures(
                List.of(
                        new FailedIssueRepository.Failure(admission("u1", 1), "a"),
                        new FailedIssueRepository.Failure(admission("u2", 2), "b")),
                AT);
        List<Long> ids = failures.findOpenByEvent(eventId).stream()
                .map(FailedIssueView::id)
                .toList();

        failures.markStillFailing(ids.getLast(), "c", AT.plusSeconds(9));

        assertThat(failures.findByIds(ids.reversed()))
                .extracting(FailedIssueView::id)
                .containsExactlyElementsOf(ids);
        FailedIssueView second = failures.findByIds(List.of(ids.getLast())).getFirst();
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(second.reason()).isEqualTo("c");
        assertThat(second.lastFailedAt()).isEqualTo(AT.plusSeconds(9));
        assertThat(failures.findByIds(List.of())).isEmpty();
    }
}
