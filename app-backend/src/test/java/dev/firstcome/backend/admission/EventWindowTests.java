package dev.firstcome.backend.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.model.ApplyOutcome;
import dev.firstcome.model.EventStatus;
import dev.firstcome.model.EventView;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The window rule: overnight windows across midnight, and DST changes inside a window. */
class EventWindowTests {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static EventView event(ZoneId zone, LocalTime open, LocalTime close, Instant start, Instant end) {
        return new EventView(
                1,
                "e",
                100,
                10,
                open,
                close,
                start,
                end,
                zone.getId(),
                EventStatus.ACTIVE,
                false,
                "lua",
                Instant.EPOCH,
                Instant.EPOCH);
    }

    static Instant local(ZoneId zone, int month, int day, int hour, int minute) {
        return LocalDateTime.of(2031, month, day, hour, minute).atZone(zone).toInstant();
    }

    static EventView overnight(ZoneId zone) {
        return event(
                zone,
                LocalTime.of(22, 0),
                LocalTime.of(2, 0),
                Instant.parse("2031-01-01T00:00:00Z"),
                Instant.parse("2031-12-31T00:00:00Z"));
    }

    @Test
    void anOvernightWindowAdmitsFromTheOpenUntilTheCloseNextMorning() {
        var e = overnight(SEOUL);
        assertThat(EventWindow.overnight(e)).isTrue();
        assertThat(EventWindow.refusal(e, local(SEOUL, 3, 2, 21, 59))).contains(ApplyOutcome.NOT_OPEN);
        assertThat(EventWindow.refusal(e, local(SEOUL, 3, 2, 22, 0))).isEmpty();
        assertThat(EventWindow.refusal(e, local(SEOUL, 3, 2, 23, 59))).isEmpty();
        assertThat(EventWindow.refusal(e, local(SEOUL, 3, 3, 0, 0))).isEmpty();
        assertThat(EventWindow.refusal(e, local(SEOUL, 3, 3, 1, 59))).isEmpty();
        assertThat(EventWindow.refusal(e, local(SEOUL, 3, 3, 2, 0))).contains(ApplyOutcome.NOT_OPEN);
        assertThat(EventWindow.refusal(e, local(SEOUL, 3, 3, 12, 0))).contains(ApplyOutcome.NOT_OPEN);
    }

    @Test
    void afterMidnightAnOvernightWindowCountsAgainstTheDayItOpened() {
        var e = overnight(SEOUL);
        assertThat(EventWindow.day(e, local(SEOUL, 3, 2, 23, 0))).isEqualTo(LocalDate.of(2031, 3, 2));
        assertThat(EventWindow.day(e, local(SEOUL, 3, 3, 1, 59))).isEqualTo(LocalDate.of(2031, 3, 2));
        assertThat(EventWindow.day(e, local(SEOUL, 3, 3, 22, 0))).isEqualTo(LocalDate.of(2031, 3, 3));
        // a daytime window keeps the calendar day
        var day = event(
                SEOUL, LocalTime.of(9, 0), LocalTime.of(21, 0), Instant.EPOCH, Instant.parse("2031-12-31T00:00:00Z"));
        assertThat(EventWindow.day(day, local(SEOUL, 3, 3, 1, 0))).isEqualTo(LocalDate.of(2031, 3, 3));
    }

    @Test
    void theNextOpeningAndTheWindowEndSpanMidnight() {
        var e = overnight(SEOUL);
        assertThat(EventWindow.nextOpening(e, local(SEOUL, 3, 2, 12, 0))).contains(local(SEOUL, 3, 2, 22, 0));
        assertThat(EventWindow.nextOpening(e, local(SEOUL, 3, 3, 2, 0))).contains(local(SEOUL, 3, 3, 22, 0));
        assertThat(EventWindow.windowEnd(e, local(SEOUL, 3, 2, 23, 0))).isEqualTo(local(SEOUL, 3, 3, 2, 0));
        assertThat(EventWindow.windowEnd(e, local(SEOUL, 3, 3, 0, 30))).isEqualTo(local(SEOUL, 3, 3, 2, 0));
    }

    @Test
    void beforeTheStartTheNextOpeningIsTheFirstWindowFromTheStart() {
        var e = event(SEOUL, LocalTime.of(10, 0), null, local(SEOUL, 3, 5, 0, 0), local(SEOUL, 3, 9, 0, 0));
        assertThat(EventWindow.nextOpening(e, local(SEOUL, 3, 4, 6, 45))).contains(local(SEOUL, 3, 5, 10, 0));
        // inside the window (10:00 until midnight) it is open now
        assertThat(EventWindow.nextOpening(e, local(SEOUL, 3, 8, 23, 0))).contains(local(SEOUL, 3, 8, 23, 0));
        // after the last window of the event there is no opening left
        var closing = event(
                SEOUL, LocalTime.of(10, 0), LocalTime.of(21, 0), local(SEOUL, 3, 5, 0, 0), local(SEOUL, 3, 9, 0, 0));
        assertThat(EventWindow.nextOpening(closing, local(SEOUL, 3, 8, 22, 0))).isEmpty();
    }

    @Test
    void springForwardInsideAnOvernightWindowClosesItWhenTheClockJumpsPastTheClose() {
        // Berlin, 2031-03-30: 02:00 CET jumps to 03:00 CEST, so 02:30 does not exist that night
        var e = event(
                BERLIN,
                LocalTime.of(22, 0),
                LocalTime.of(2, 30),
                Instant.parse("2031-01-01T00:00:00Z"),
                Instant.parse("2031-12-31T00:00:00Z"));
        Instant opened = local(BERLIN, 3, 29, 22, 0);
        assertThat(EventWindow.refusal(e, Instant.parse("2031-03-30T00:59:59Z")))
                .isEmpty(); // 01:59:59 CET
        assertThat(EventWindow.refusal(e, Instant.parse("2031-03-30T01:00:00Z"))) // 03:00 CEST
                .contains(ApplyOutcome.NOT_OPEN);
        assertThat(EventWindow.windowEnd(e, opened)).isEqualTo(Instant.parse("2031-03-30T01:00:00Z"));
        assertThat(EventWindow.day(e, Instant.parse("2031-03-30T00:59:59Z"))).isEqualTo(LocalDate.of(2031, 3, 29));
        assertThat(EventWindow.nextOpening(e, Instant.parse("2031-03-30T01:00:00Z")))
                .contains(local(BERLIN, 3, 30, 22, 0));
    }

    @Test
    void anOpeningInsideTheSpringForwardGapOpensWhenTheClockJumps() {
        var e = event(
                BERLIN,
                LocalTime.of(2, 30),
                LocalTime.of(6, 0),
                Instant.parse("2031-01-01T00:00:00Z"),
                Instant.parse("2031-12-31T00:00:00Z"));
        assertThat(EventWindow.nextOpening(e, local(BERLIN, 3, 29, 23, 0)))
                .contains(Instant.parse("2031-03-30T01:00:00Z"));
        assertThat(EventWindow.refusal(e, Instant.parse("2031-03-30T01:00:00Z")))
                .isEmpty();
    }

    @Test
    void fallBackInsideAnOvernightWindowKeepsOneDayAndEndsAtTheFirstClose() {
        // Berlin, 2031-10-26: 03:00 CEST goes back to 02:00 CET; the window 22:00-02:00 closes at 02:00 CEST
        var e = overnight(BERLIN);
        Instant opened = local(BERLIN, 10, 25, 22, 0);
        assertThat(opened).isEqualTo(Instant.parse("2031-10-25T20:00:00Z"));
        assertThat(EventWindow.windowEnd(e, opened)).isEqualTo(Instant.parse("2031-10-26T00:00:00Z"));
        assertThat(EventWindow.day(e, Instant.parse("2031-10-25T23:30:00Z"))).isEqualTo(LocalDate.of(2031, 10, 25));
        assertThat(EventWindow.refusal(e, Instant.parse("2031-10-26T00:00:00Z")))
                .contains(ApplyOutcome.NOT_OPEN);
        // 02:30 CET, the second pass through 02:xx: still closed
        assertThat(EventWindow.refusal(e, Instant.parse("2031-10-26T01:30:00Z")))
                .contains(ApplyOutcome.NOT_OPEN);
        assertThat(EventWindow.nextOpening(e, Instant.parse("2031-10-26T00:00:00Z")))
                .contains(Instant.parse("2031-10-26T21:00:00Z")); // 22:00 CET
    }
}
