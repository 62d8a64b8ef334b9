package dev.firstcome.desktop.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.desktop.testing.FakeAdmissionStateApi;
import dev.firstcome.desktop.testing.FakeEventApi;
import dev.firstcome.desktop.testing.InlineUiExecutor;
import dev.firstcome.model.AdmissionCounts;
import dev.firstcome.model.EventDraft;
import dev.firstcome.model.EventStatus;
import dev.firstcome.model.EventView;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventsViewModelTests {

    private final FakeEventApi events = new FakeEventApi();
    private final FakeAdmissionStateApi admission = new FakeAdmissionStateApi();
    private final InlineUiExecutor executor = new InlineUiExecutor();
    private final EventsViewModel model = new EventsViewModel(events, admission, executor, Clock.systemUTC());

    private EventView event(String name, boolean lab) {
        return events.create(new EventDraft(
                name,
                100,
                10,
                null,
                null,
                Instant.parse("2026-06-01T08:00:00Z"),
                Instant.parse("2026-06-30T16:00:00Z"),
                "UTC",
                lab,
                null));
    }

    @Test
    void rowsShowTheEventsWithTheirLiveCounters() {
        EventView launch = event("Launch", false);
        admission.setCounts(new AdmissionCounts(launch.id(), 40, 7, 60, 3L));

        model.refresh();

        assertThat(model.rows()).hasSize(1);
        EventRow row = model.rows().getFirst();
        assertThat(row.name()).isEqualTo("Launch");
        assertThat(row.issuedTotal()).isEqualTo("40");
        assertThat(row.issuedToday()).isEqualTo("7");
        assertThat(row.remaining()).isEqualTo("60 (today 3)");
        assertThat(row.dailyHours()).isEqualTo("all day");
        assertThat(row.window()).isEqualTo("2026-06-01 08:00 → 2026-06-30 16:00");
    }

    @Test
    void anEventWhoseCountersAreUnavailableStillShows() {
        event("Launch", false);

        model.refresh();

        assertThat(model.rows().getFirst().issuedTotal()).isEqualTo("?");
        assertThat(executor.errors().messageProperty().get()).isEmpty();
    }

    @Test
    void labEventsShowOnlyWhenAsked() {
        event("Launch", false);
        event("Rehearsal", true);

        model.refresh();
        assertThat(model.rows()).extracting(EventRow::name).containsExactly("Launch");

        model.includeLabProperty().set(true);
        assertThat(model.rows()).extracting(EventRow::name).containsExactly("Rehearsal (lab)", "Launch");
    }

    @Test
    void togglePausePausesAnActiveEventAndResumesAPausedOne() {
        EventView launch = event("Launch", false);
        model.refresh();
        model.selectedProperty().set(model.rows().getFirst());

        model.togglePause();
        assertThat(events.find(launch.id()).orElseThrow().status()).isEqualTo(EventStatus.PAUSED);
        assertThat(model.selectedProperty().get().status()).isEqualTo(EventStatus.PAUSED);
        assertThat(model.statusProperty().get()).isEqualTo("Paused Launch");

        model.togglePause();
        assertThat(events.find(launch.id()).orElseThrow().status()).isEqualTo(EventStatus.ACTIVE);
    }

    @Test
    void closeClosesTheSelectedEvent() {
        EventView launch = event("Launch", false);
        model.refresh();
        model.selectedProperty().set(model.rows().getFirst());

        model.closeSelected();

        assertThat(events.find(launch.id()).orElseThrow().status()).isEqualTo(EventStatus.CLOSED);
        assertThat(model.rows().getFirst().status()).isEqualTo(EventStatus.CLOSED);
    }

    @Test
    void aSavedEventIsSelectedAfterTheReload() {
        event("Launch", false);
        model.refresh();
        EventView created = event("Second", false);

        model.saved(created);

        assertThat(model.rows()).hasSize(2);
        assertThat(model.selectedProperty().get().id()).isEqualTo(created.id());
    }

    @Test
    void aFailingCommandReportsAReadableMessage() {
        EventView launch = event("Launch", false);
        model.refresh();
        model.selectedProperty()
                .set(new EventRow(
                        new EventView(
                                launch.id() + 99,
                                "Ghost",
                                1,
                                null,
                                null,
                                null,
                                launch.startsAt(),
                                launch.endsAt(),
                                "UTC",
                                EventStatus.ACTIVE,
                                false,
                                null,
                                null,
                                null),
                        null));

        model.closeSelected();

        assertThat(executor.errors().messageProperty().get())
                .isEqualTo("Closing Ghost failed: No event with id " + (launch.id() + 99));
    }

    @Test
    void theStateColumnShowsTheBackendsStateWithItsCountdownNotTheStoredStatus() {
        EventView launch = events.create(new EventDraft(
                "Seoul launch",
                100,
                null,
                java.time.LocalTime.of(10, 0),
                null,
                Instant.parse("2026-06-01T00:00:00Z"),
                Instant.parse("2026-06-30T00:00:00Z"),
                "Asia/Seoul",
                false,
                null));
        AdmissionCounts counts = new AdmissionCounts(launch.id(), 0, 0, 100, null);
        admission.setCounts(counts);
        // 06:45 in Seoul, opening at 10:00: the apply answers NOT_OPEN, so the row must not say ACTIVE
        Instant morning = Instant.parse("2026-06-02T21:45:00Z");
        admission.setState(dev.firstcome.backend.admission.EventStates.of(launch, morning, counts, true));

        model.refresh();

        EventRow row = model.rows().getFirst();
        assertThat(row.state()).isEqualTo("OPENS IN 3h15m (10:00 KST)");
        assertThat(row.phase()).isEqualTo(dev.firstcome.model.EventPhase.OPENS_IN);

        AdmissionCounts soldOut = new AdmissionCounts(launch.id(), 100, 3, 0, null);
        admission.setCounts(soldOut);
        admission.setState(dev.firstcome.backend.admission.EventStates.of(
                launch, Instant.parse("2026-06-03T02:00:00Z"), soldOut, true));
        model.refresh();
        assertThat(model.rows().getFirst().state()).isEqualTo("SOLD OUT");
    }

    @Test
    void anEventWhoseRedisStateRolledBackShowsAsRebuildingUntilItIsRebuilt() {
        EventView launch = events.create(new EventDraft(
                "Launch",
                100,
                null,
                null,
                null,
                Instant.parse("2026-06-01T00:00:00Z"),
                Instant.parse("2026-06-30T00:00:00Z"),
                "UTC",
                false,
                null));
        AdmissionCounts counts = new AdmissionCounts(launch.id(), 40, 40, 60, null);
        admission.setCounts(counts);
        Instant now = Instant.parse("2026-06-02T12:00:00Z");
        // a rollback detected: the event's meta key is deleted until the rebuild (stateLoaded false)
        admission.setState(dev.firstcome.backend.admission.EventStates.of(launch, now, counts, false));

        model.refresh();

        EventRow row = model.rows().getFirst();
        assertThat(row.phase()).isEqualTo(dev.firstcome.model.EventPhase.REBUILDING);
        assertThat(row.state()).contains("REBUILDING");

        admission.setState(dev.firstcome.backend.admission.EventStates.of(launch, now, counts, true));
        model.refresh();
        assertThat(model.rows().getFirst().phase()).isEqualTo(dev.firstcome.model.EventPhase.OPEN);
    }

    @Test
    void anOvernightWindowSaysItEndsTheNextDay() {
        EventView night = events.create(new EventDraft(
                "Night",
                100,
                null,
                java.time.LocalTime.of(22, 0),
                java.time.LocalTime.of(2, 0),
                Instant.parse("2026-06-01T00:00:00Z"),
                Instant.parse("2026-06-30T00:00:00Z"),
                "UTC",
                false,
                null));
        assertThat(new EventRow(night, null).dailyHours()).isEqualTo("22:00 – 02:00 (+1 day)");
    }
}
