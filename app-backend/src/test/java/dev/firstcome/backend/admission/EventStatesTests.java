package dev.firstcome.backend.admission;

import static dev.firstcome.backend.admission.EventWindowTests.SEOUL;
import static dev.firstcome.backend.admission.EventWindowTests.local;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.model.AdmissionCounts;
import dev.firstcome.model.ApplyOutcome;
import dev.firstcome.model.EventPhase;
import dev.firstcome.model.EventState;
import dev.firstcome.model.EventStatus;
import dev.firstcome.model.EventView;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** The state rule: each phase, its next moment, and agreement with the apply path's window. */
class EventStatesTests {

    static final Instant START = local(SEOUL, 3, 5, 0, 0);
    static final Instant END = local(SEOUL, 3, 9, 0, 0);

    static EventView event(EventStatus status, LocalTime open, LocalTime close) {
        return new EventView(
                7, "launch", 100, 10, open, close, START, END, "Asia/Seoul", status, false, "lua", START, START);
    }

    static AdmissionCounts counts(long admitted, long today) {
        return new AdmissionCounts(7, admitted, today, 100 - admitted, Math.min(100 - admitted, 10 - today));
    }

    @Test
    void beforeTheOpeningItOpensInWithACountdownInTheEventsZone() {
        var e = event(EventStatus.ACTIVE, LocalTime.of(10, 0), null);
        Instant now = local(SEOUL, 3, 5, 6, 45);
        EventState state = EventStates.of(e, now, counts(0, 0), true);
        assertThat(state.phase()).isEqualTo(EventPhase.OPENS_IN);
        assertThat(state.next()).isEqualTo(local(SEOUL, 3, 5, 10, 0));
        assertThat(state.countdown(now)).isEqualTo(Duration.ofMinutes(195));
        assertThat(state.label(now)).isEqualTo("OPENS IN 3h15m (10:00 KST)");
        assertThat(state.countdown(local(SEOUL, 3, 5, 11, 0))).isZero(); // never negative
    }

    @Test
    void eachPhaseInTheApplyPathsOrder() {
        var e = event(EventStatus.ACTIVE, LocalTime.of(10, 0), LocalTime.of(21, 0));
        Instant noon = local(SEOUL, 3, 6, 12, 0);
        assertThat(EventStates.of(e, noon, counts(5, 5), true).phase()).isEqualTo(EventPhase.OPEN);
        assertThat(EventStates.of(e, noon, counts(5, 5), true).next()).isEqualTo(local(SEOUL, 3, 6, 21, 0));
        assertThat(EventStates.of(e, noon, counts(100, 0), true).phase()).isEqualTo(EventPhase.SOLD_OUT);
        EventState daily = EventStates.of(e, noon, counts(20, 10), true);
        assertThat(daily.phase()).isEqualTo(EventPhase.DAILY_SOLD_OUT);
        assertThat(daily.next()).isEqualTo(local(SEOUL, 3, 7, 10, 0));
        assertThat(daily.label(noon)).isEqualTo("DAILY SOLD OUT (reopens 10:00 tomorrow)");
        assertThat(EventStates.of(event(EventStatus.PAUSED, null, null), noon, counts(5, 5), true)
                        .phase())
                .isEqualTo(EventPhase.PAUSED);
        assertThat(EventStates.of(e, noon, counts(5, 5), false).phase()).isEqualTo(EventPhase.REBUILDING);
        assertThat(EventStates.of(event(EventStatus.CLOSED, null, null), noon, null, true)
                        .phase())
                .isEqualTo(EventPhase.CLOSED);
        assertThat(EventStates.of(e, END, counts(5, 5), true).phase()).isEqualTo(EventPhase.ENDED);
        // after the last window of the event no opening is left: ended, though endsAt is later
        assertThat(EventStates.of(e, local(SEOUL, 3, 8, 22, 0), counts(5, 0), true)
                        .phase())
                .isEqualTo(EventPhase.ENDED);
        // unknown counters (Redis down) are not judged
        assertThat(EventStates.of(e, noon, null, true).phase()).isEqualTo(EventPhase.OPEN);
    }

    @Test
    void aDailySoldOutOvernightWindowReopensAtTheNextOpeningNotAtMidnight() {
        var e = event(EventStatus.ACTIVE, LocalTime.of(22, 0), LocalTime.of(2, 0));
        Instant late = local(SEOUL, 3, 6, 23, 30);
        EventState state = EventStates.of(e, late, counts(20, 10), true);
        assertThat(state.phase()).isEqualTo(EventPhase.DAILY_SOLD_OUT);
        assertThat(state.next()).isEqualTo(local(SEOUL, 3, 7, 22, 0));
        assertThat(EventStates.of(e, local(SEOUL, 3, 7, 0, 30), counts(20, 5), true)
                        .next())
                .isEqualTo(local(SEOUL, 3, 7, 2, 0));
    }

    @Test
    void theStateAgreesWithTheApplyPathsWindowEveryFifteenMinutes() {
        for (var e : new EventView[] {
            event(EventStatus.ACTIVE, LocalTime.of(22, 0), LocalTime.of(2, 0)),
            event(EventStatus.ACTIVE, LocalTime.of(10, 0), LocalTime.of(21, 0)),
            event(EventStatus.ACTIVE, null, null),
            event(EventStatus.PAUSED, LocalTime.of(9, 30), null),
            event(EventStatus.CLOSED, null, LocalTime.of(18, 0))
        }) {
            for (Instant t = START.minus(Duration.ofDays(1));
                    t.isBefore(END.plus(Duration.ofDays(1)));
                    t = t.plus(Duration.ofMinutes(15))) {
                EventPhase phase = EventStates.of(e, t, counts(1, 1), true).phase();
                var refusal = EventWindow.refusal(e, t);
                if (refusal.isEmpty()) {
                    assertThat(phase).as("%s at %s", e, t).isIn(EventPhase.OPEN, EventPhase.PAUSED);
                } else if (refusal.get() == ApplyOutcome.NOT_OPEN) {
                    assertThat(phase).as("%s at %s", e, t).isIn(EventPhase.OPENS_IN, EventPhase.ENDED);
                } else {
                    assertThat(phase.name())
                            .as("%s at %s", e, t)
                            .isEqualTo(refusal.get().name());
                }
                if (phase == EventPhase.OPENS_IN) {
                    assertThat(EventWindow.refusal(
                                    e, EventStates.of(e, t, null, true).next()))
                            .as("open at the announced opening")
                            .isEmpty();
                }
            }
        }
    }
}
