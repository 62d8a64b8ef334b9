package dev.firstcome.backend.admission.decide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.model.ApplyOutcome;
import dev.firstcome.model.EventStatus;
import dev.firstcome.model.EventView;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class AdmissionWindowTests {

    static EventView event(EventStatus status, LocalTime open, LocalTime close) {
        return new EventView(
                1,
                "e",
                10,
                5,
                open,
                close,
                Instant.parse("2031-03-01T00:00:00Z"),
                Instant.parse("2031-03-10T00:00:00Z"),
                "Asia/Seoul",
                status,
                false,
                "lua",
                Instant.EPOCH,
                Instant.EPOCH);
    }

    @Test
    void beforeStartIsNotOpenAndAtEndIsEnded() {
        var e = event(EventStatus.ACTIVE, null, null);
        assertThat(AdmissionWindow.refusal(e, Instant.parse("2031-02-28T23:59:59Z")))
                .contains(ApplyOutcome.NOT_OPEN);
        assertThat(AdmissionWindow.refusal(e, Instant.parse("2031-03-01T00:00:00Z")))
                .isEmpty();
        assertThat(AdmissionWindow.refusal(e, Instant.parse("2031-03-10T00:00:00Z")))
                .contains(ApplyOutcome.ENDED);
    }

    @Test
    void dailyOpenAndCloseTimesAreReadInTheEventsZone() {
        var e = event(EventStatus.ACTIVE, LocalTime.of(9, 0), LocalTime.of(18, 0));
        // 08:59 and 18:00 in Seoul (UTC+9)
        assertThat(AdmissionWindow.refusal(e, Instant.parse("2031-03-02T23:59:00Z")))
                .contains(ApplyOutcome.NOT_OPEN);
        assertThat(AdmissionWindow.refusal(e, Instant.parse("2031-03-03T00:00:00Z")))
                .isEmpty();
        assertThat(AdmissionWindow.refusal(e, Instant.parse("2031-03-03T09:00:00Z")))
                .contains(ApplyOutcome.NOT_OPEN);
    }

    @Test
    void closedEventIsClosedWhateverTheTime() {
        var e = event(EventStatus.CLOSED, null, null);
        assertThat(AdmissionWindow.refusal(e, Instant.parse("2031-03-05T00:00:00Z")))
                .contains(ApplyOutcome.CLOSED);
    }

    @Test
    void dayIsTheCalendarDayInTheEventsZone() {
        var e = event(EventStatus.ACTIVE, null, null);
        assertThat(AdmissionWindow.day(e, Instant.parse("2031-03-02T15:30:00Z")))
                .isEqualTo(LocalDate.of(2031, 3, 3));
        assertThat(AdmissionWindow.day(e, Instant.parse("2031-03-02T14:59:59Z")))
                .isEqualTo(LocalDate.of(2031, 3, 2));
    }
}
