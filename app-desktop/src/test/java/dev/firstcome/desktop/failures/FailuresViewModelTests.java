package dev.firstcome.desktop.failures;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.backend.infra.web.Operators;
import dev.firstcome.desktop.testing.FakeEventApi;
import dev.firstcome.desktop.testing.FakeIssuanceApi;
import dev.firstcome.desktop.testing.InlineUiExecutor;
import dev.firstcome.model.EventDraft;
import dev.firstcome.model.EventView;
import dev.firstcome.model.FailedIssueStatus;
import dev.firstcome.model.FailedIssueView;
import dev.firstcome.model.ReissueRequest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FailuresViewModelTests {

    private final FakeEventApi events = new FakeEventApi();
    private final FakeIssuanceApi issuance = new FakeIssuanceApi();
    private final FailuresViewModel model = new FailuresViewModel(events, issuance, new InlineUiExecutor());
    private EventView first;
    private EventView second;

    @BeforeEach
    void failures() {
        first = events.create(EventDraft.of(
                "First",
                10,
                null,
                Instant.parse("2026-06-01T08:00:00Z"),
                Instant.parse("2026-06-30T16:00:00Z"),
                "UTC"));
        second = events.create(EventDraft.of(
                "Second",
                10,
                null,
                Instant.parse("2026-06-01T08:00:00Z"),
                Instant.parse("2026-06-30T16:00:00Z"),
                "UTC"));
        issuance.add(failure(1, first.id(), "u1"));
        issuance.add(failure(2, first.id(), "u2"));
        issuance.add(failure(3, second.id(), "u3"));
    }

    private static FailedIssueView failure(long id, long eventId, String user) {
        Instant at = Instant.parse("2026-06-01T09:00:00Z");
        return new FailedIssueView(id, eventId, user, id, id, "database down", 4, at, at, FailedIssueStatus.OPEN);
    }

    @Test
    void theListFollowsTheFilters() {
        model.refresh();
        assertThat(model.failures()).hasSize(3);

        model.eventFilterProperty().set(first);
        assertThat(model.failures()).extracting(FailedIssueView::userId).containsExactly("u1", "u2");

        model.statusFilterProperty().set(FailedIssueStatus.REISSUED);
        assertThat(model.failures()).isEmpty();
    }

    @Test
    void aDryRunChangesNothingAndSaysWhatWouldHappen() {
        model.refresh();

        model.reissueSelected(List.of(model.failures().getFirst()), true);

        assertThat(model.resultProperty().get())
                .startsWith("Dry run (a test write, rolled back): of 1 requested, 1 would be persisted");
        assertThat(model.failures()).hasSize(3);
    }

    @Test
    void reissueSelectedSendsTheIdsAsTheConsoleOperator() {
        model.refresh();

        model.reissueSelected(List.of(model.failures().get(0), model.failures().get(1)), false);

        assertThat(issuance.requests()).containsExactly(new ReissueRequest(List.of(1L, 2L), null, false));
        assertThat(issuance.operators()).containsExactly(Operators.CONSOLE);
        assertThat(model.resultProperty().get())
                .isEqualTo("Reissued: of 2 requested, 2 persisted, 0 skipped (already persisted), 0 still failing");
        assertThat(model.failures()).extracting(FailedIssueView::userId).containsExactly("u3");
    }

    @Test
    void reissueAllOfAnEventSendsTheEvent() {
        model.eventFilterProperty().set(second);

        model.reissueAll(false);

        assertThat(issuance.requests()).containsExactly(new ReissueRequest(null, second.id(), false));
        assertThat(model.failures()).isEmpty();
    }

    @Test
    void reissueAllWithoutAnEventSendsEveryOpenOneListed() {
        model.refresh();

        model.reissueAll(false);

        assertThat(issuance.requests()).containsExactly(new ReissueRequest(List.of(1L, 2L, 3L), null, false));
    }

    @Test
    void failuresNameTheirEventCountTheOpenOnesAndShowTheFullReason() {
        model.refresh();

        assertThat(model.eventName(first.id())).isEqualTo("#" + first.id() + " First");
        assertThat(model.openListed()).isEqualTo(3);
        assertThat(model.detail(model.failures().getFirst()))
                .contains("Event: #" + first.id() + " First")
                .contains("Reason:\ndatabase down");
    }
}
