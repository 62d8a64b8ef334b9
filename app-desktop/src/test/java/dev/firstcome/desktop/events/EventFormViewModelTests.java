package dev.firstcome.desktop.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.desktop.testing.FakeEventApi;
import dev.firstcome.desktop.testing.InlineUiExecutor;
import dev.firstcome.model.EventView;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EventFormViewModelTests {

    private final FakeEventApi events = new FakeEventApi();
    private final InlineUiExecutor executor = new InlineUiExecutor();
    private final Clock clock = Clock.fixed(Instant.parse("2026-06-01T08:00:30Z"), ZoneId.of("Europe/Berlin"));

    @Test
    void aNewFormStartsNowForAWeekInTheServersZoneAndNeedsOnlyAName() {
        var form = EventFormViewModel.forNew(events, executor, clock);

        assertThat(form.field(EventField.STARTS_AT).get()).isEqualTo("2026-06-01 10:00");
        assertThat(form.field(EventField.ENDS_AT).get()).isEqualTo("2026-06-08 10:00");
        assertThat(form.field(EventField.ZONE_ID).get()).isEqualTo("Europe/Berlin");
        assertThat(form.validProperty().get()).isFalse();
        assertThat(form.messageProperty().get()).isEqualTo("Name is required");

        form.field(EventField.NAME).set("Launch");
        assertThat(form.validProperty().get()).isTrue();
        assertThat(form.messageProperty().get()).isEmpty();
    }

    @Test
    void anInvalidFormIsNotSaved() {
        var form = EventFormViewModel.forNew(events, executor, clock);
        form.field(EventField.NAME).set("Launch");
        form.field(EventField.TOTAL_QUANTITY).set("0");

        assertThat(form.error(EventField.TOTAL_QUANTITY)).isNotNull();
        assertThat(form.save(saved -> {})).isFalse();
        assertThat(events.list(true)).isEmpty();
    }

    @Test
    void savingANewFormCreatesTheEventWithItsFields() {
        var form = EventFormViewModel.forNew(events, executor, clock);
        form.field(EventField.NAME).set("Launch");
        form.field(EventField.TOTAL_QUANTITY).set("30");
        form.field(EventField.DAILY_QUANTITY).set("10");
        form.field(EventField.DAILY_OPEN_TIME).set("09:00");
        form.field(EventField.DAILY_CLOSE_TIME).set("18:00");
        AtomicReference<EventView> saved = new AtomicReference<>();

        assertThat(form.save(saved::set)).isTrue();

        EventView event = saved.get();
        assertThat(event.name()).isEqualTo("Launch");
        assertThat(event.totalQuantity()).isEqualTo(30);
        assertThat(event.dailyQuantity()).isEqualTo(10);
        assertThat(event.dailyOpenTime()).isEqualTo(LocalTime.of(9, 0));
        assertThat(event.dailyCloseTime()).isEqualTo(LocalTime.of(18, 0));
        assertThat(event.startsAt()).isEqualTo(Instant.parse("2026-06-01T08:00:00Z"));
        assertThat(event.zoneId()).isEqualTo("Europe/Berlin");
        assertThat(form.savingProperty().get()).isFalse();
    }

    @Test
    void aValidationErrorFromTheBackendIsShownOnItsFieldUntilTheFieldChanges() {
        var form = EventFormViewModel.forNew(events, executor, clock);
        form.field(EventField.NAME).set("Launch");
        events.rejectNext("totalQuantity");

        form.save(saved -> {});

        assertThat(form.error(EventField.TOTAL_QUANTITY)).isEqualTo("Total quantity rejected by the backend");
        assertThat(form.validProperty().get()).isFalse();
        form.field(EventField.TOTAL_QUANTITY).set("50");
        assertThat(form.validProperty().get()).isTrue();
    }

    @Test
    void editingPrefillsTheEventAndSavesTheChanges() {
        EventView event = events.create(dev.firstcome.model.EventDraft.of(
                "Old", 100, 10, Instant.parse("2026-06-01T08:00:00Z"), Instant.parse("2026-06-30T16:00:00Z"), "UTC"));
        var form = EventFormViewModel.forEdit(events, executor, event);
        assertThat(form.field(EventField.NAME).get()).isEqualTo("Old");
        assertThat(form.field(EventField.STARTS_AT).get()).isEqualTo("2026-06-01 08:00");
        assertThat(form.editing()).isTrue();

        form.field(EventField.TOTAL_QUANTITY).set("200");
        form.field(EventField.DAILY_QUANTITY).set("");
        AtomicReference<EventView> saved = new AtomicReference<>();
        form.save(saved::set);

        assertThat(saved.get().totalQuantity()).isEqualTo(200);
        assertThat(saved.get().dailyQuantity()).isNull();
        assertThat(saved.get().name()).isEqualTo("Old");
    }

    @Test
    void timesAreInTheEventsZoneWithUtcBesideAndAnOvernightWindowIsSaved() {
        var form = EventFormViewModel.forNew(events, executor, clock);
        form.field(EventField.NAME).set("Night owls");
        form.field(EventField.ZONE_ID).set("Asia/Seoul");
        form.field(EventField.STARTS_AT).set("2026-06-02 10:00");
        form.field(EventField.ENDS_AT).set("2026-06-09 10:00");
        form.field(EventField.DAILY_OPEN_TIME).set("22:00");
        form.field(EventField.DAILY_CLOSE_TIME).set("02:00");

        assertThat(form.startsAtUtcProperty().get()).isEqualTo("= 2026-06-02 01:00 UTC");
        assertThat(form.endsAtUtcProperty().get()).isEqualTo("= 2026-06-09 01:00 UTC");
        assertThat(form.windowHintProperty().get()).contains("the next day");
        AtomicReference<EventView> saved = new AtomicReference<>();
        assertThat(form.save(saved::set)).isTrue();
        assertThat(saved.get().startsAt()).isEqualTo(Instant.parse("2026-06-02T01:00:00Z"));
        assertThat(saved.get().dailyOpenTime()).isEqualTo(LocalTime.of(22, 0));
        assertThat(saved.get().dailyCloseTime()).isEqualTo(LocalTime.of(2, 0));
        assertThat(saved.get().zoneId()).isEqualTo("Asia/Seoul");
    }

    @Test
    void aRefusalFromTheBackendIsShownInWords() {
        events.rejectNext("totalQuantity");
        var form = EventFormViewModel.forNew(events, executor, clock);
        form.field(EventField.NAME).set("Launch");

        form.save(saved -> {});

        assertThat(form.error(EventField.TOTAL_QUANTITY)).isEqualTo("Total quantity rejected by the backend");
    }
}
