package dev.firstcome.desktop.rush;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.desktop.testing.FakeEventApi;
import dev.firstcome.desktop.testing.FakeRushApi;
import dev.firstcome.desktop.testing.InlineUiExecutor;
import dev.firstcome.model.EventDraft;
import dev.firstcome.model.EventStatus;
import dev.firstcome.model.EventView;
import dev.firstcome.model.WarmupPlan;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.junit.jupiter.api.Test;

class WarmupScheduleViewModelTests {

    private static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");

    private final FakeEventApi events = new FakeEventApi();
    private final FakeRushApi rush = new FakeRushApi();
    private final StringProperty users = new SimpleStringProperty("100000");
    private final WarmupScheduleViewModel model =
            new WarmupScheduleViewModel(events, rush, new InlineUiExecutor(), Clock.fixed(NOW, ZoneOffset.UTC), users);

    private static EventView event(Instant startsAt, Instant endsAt, String zone, LocalTime open, LocalTime close) {
        return new EventView(
                1,
                "Launch",
                100,
                null,
                open,
                close,
                startsAt,
                endsAt,
                zone,
                EventStatus.ACTIVE,
                false,
                "lua",
                null,
                null);
    }

    /** An event in UTC without daily hours. */
    private static EventView allDay(String startsAt, String endsAt) {
        return event(Instant.parse(startsAt), Instant.parse(endsAt), "UTC", null, null);
    }

    /** An event open 10:00 to 12:00 each day in Seoul (01:00 to 03:00 UTC). */
    private static EventView seoulMornings(String startsAt, String endsAt) {
        return event(
                Instant.parse(startsAt), Instant.parse(endsAt), "Asia/Seoul", LocalTime.of(10, 0), LocalTime.of(12, 0));
    }

    /** Creates the event, loads the form and chooses it. */
    private EventView chosen(String startsAt) {
        EventView launch = create("Launch", startsAt, "2026-11-30T10:00:00Z");
        model.refresh();
        model.eventProperty().set(launch);
        return launch;
    }

    private EventView create(String name, String startsAt, String endsAt) {
        return events.create(EventDraft.of(name, 100, null, Instant.parse(startsAt), Instant.parse(endsAt), "UTC"));
    }

    @Test
    void theNextOpeningOfAnEventWithoutDailyHoursIsItsStartWhileThatIsAhead() {
        EventView later = allDay("2026-11-28T10:00:00Z", "2026-11-29T10:00:00Z");
        assertThat(WarmupScheduleViewModel.nextOpening(later, NOW)).contains(Instant.parse("2026-11-28T10:00:00Z"));
        EventView openNow = allDay("2026-11-28T08:00:00Z", "2026-11-29T10:00:00Z");
        assertThat(WarmupScheduleViewModel.nextOpening(openNow, NOW))
                .as("open already, no opening ahead")
                .isEmpty();
        EventView ended = allDay("2026-11-27T08:00:00Z", "2026-11-28T08:00:00Z");
        assertThat(WarmupScheduleViewModel.nextOpening(ended, NOW)).isEmpty();
    }

    @Test
    void theNextOpeningOfAnEventWithDailyHoursIsTheNextDailyOpenTimeInItsZone() {
        // opens 10:00 in Seoul (01:00 UTC) every day; it is 18:00 in Seoul now: tomorrow 10:00 Seoul
        EventView daily = seoulMornings("2026-11-20T00:00:00Z", "2026-12-31T00:00:00Z");
        assertThat(WarmupScheduleViewModel.nextOpening(daily, NOW)).contains(Instant.parse("2026-11-29T01:00:00Z"));
        // a start inside the day's open hours is itself the first opening
        EventView startsInHours = seoulMornings("2026-11-29T02:00:00Z", "2026-12-31T00:00:00Z");
        assertThat(WarmupScheduleViewModel.nextOpening(startsInHours, NOW))
                .contains(Instant.parse("2026-11-29T02:00:00Z"));
        // a start before that day's open time: the open time of that day
        EventView startsEarly = seoulMornings("2026-11-28T22:00:00Z", "2026-12-31T00:00:00Z");
        assertThat(WarmupScheduleViewModel.nextOpening(startsEarly, NOW))
                .contains(Instant.parse("2026-11-29T01:00:00Z"));
        // the next daily opening falls after the end: none
        EventView endsTonight = seoulMornings("2026-11-20T00:00:00Z", "2026-11-28T20:00:00Z");
        assertThat(WarmupScheduleViewModel.nextOpening(endsTonight, NOW)).isEmpty();
    }

    @Test
    void onlyEventsWithAnOpeningAheadAreOfferedSoonestFirst() {
        EventView tomorrow = create("Tomorrow", "2026-11-29T10:00:00Z", "2026-11-30T10:00:00Z");
        EventView soon = create("Soon", "2026-11-28T09:30:00Z", "2026-11-30T10:00:00Z");
        create("Open now", "2026-11-28T08:00:00Z", "2026-11-30T10:00:00Z");
        EventView closed = create("Closed", "2026-11-28T11:00:00Z", "2026-11-30T10:00:00Z");
        events.close(closed.id());
        events.create(new EventDraft(
                "Lab",
                100,
                null,
                null,
                null,
                Instant.parse("2026-11-28T11:00:00Z"),
                Instant.parse("2026-11-30T10:00:00Z"),
                "UTC",
                true,
                "lua"));

        model.refresh();

        assertThat(model.upcomingEvents()).extracting(EventView::id).containsExactly(soon.id(), tomorrow.id());
        assertThat(model.describeEvent(soon)).isEqualTo("#" + soon.id() + " Soon · opens 2026-11-28 09:30:00 (UTC)");
    }

    @Test
    void schedulingAsksForTheEventTheMinutesAndTheUsersAndSchedulesNothingUntilTheyAreValid() {
        EventView launch = create("Launch", "2026-11-28T10:00:00Z", "2026-11-30T10:00:00Z");
        model.refresh();

        assertThat(model.schedule()).isFalse();
        assertThat(model.errorProperty().get()).startsWith("Event:");

        model.eventProperty().set(launch);
        model.minutesBeforeProperty().set("-1");
        assertThat(model.schedule()).isFalse();
        assertThat(model.errorProperty().get()).startsWith("Minutes before:");
        model.minutesBeforeProperty().set("1441");
        assertThat(model.schedule()).isFalse();
        model.minutesBeforeProperty().set("five");
        assertThat(model.schedule()).isFalse();

        model.minutesBeforeProperty().set("5");
        users.set("0");
        assertThat(model.schedule()).isFalse();
        assertThat(model.errorProperty().get()).startsWith("Warm-up users:");
        assertThat(rush.warmUps()).isEmpty();
    }

    @Test
    void aWarmUpIsScheduledTheChosenMinutesBeforeTheOpeningAndListed() {
        EventView launch = chosen("2026-11-28T10:00:00Z");
        model.minutesBeforeProperty().set("15");
        users.set("50,000");

        assertThat(model.schedule()).isTrue();

        assertThat(model.errorProperty().get()).isEmpty();
        WarmupPlan plan = rush.warmUps().getFirst();
        assertThat(plan.forEventId()).isEqualTo(launch.id());
        assertThat(plan.runAt()).isEqualTo(Instant.parse("2026-11-28T09:45:00Z"));
        assertThat(plan.users()).isEqualTo(50_000);
        assertThat(model.plans()).containsExactly(plan);
        assertThat(model.describe(plan))
                .contains("before \"Launch\"")
                .contains("starts in 45m00s at 2026-11-28 09:45:00 (UTC)")
                .contains("50,000 users");
        assertThat(model.confirmationProperty().get()).contains("opening at 2026-11-28 10:00:00");
    }

    @Test
    void aLeadLongerThanTheTimeLeftStartsTheWarmUpAtOnce() {
        EventView launch = chosen("2026-11-28T09:10:00Z");
        model.minutesBeforeProperty().set("30");

        assertThat(model.schedule()).isTrue();

        assertThat(rush.warmUps().getFirst().runAt()).isEqualTo(NOW);
    }

    @Test
    void aScheduledWarmUpCanBeCancelledAStartedOneCannot() {
        EventView launch = chosen("2026-11-28T10:00:00Z");
        model.schedule();
        WarmupPlan started = rush.warmUps().getLast();
        rush.startScheduled(started.id(), "r-7");
        model.refresh();
        model.schedule(); // the first one already ran: another one may be planned
        WarmupPlan startedNow = model.plans().stream()
                .filter(p -> p.id().equals(started.id()))
                .findFirst()
                .orElseThrow();
        assertThat(model.describe(startedNow)).contains("as rush r-7");

        model.cancel(startedNow);
        assertThat(rush.warmUps()).hasSize(2);

        WarmupPlan pending = rush.warmUps().getFirst();
        model.cancel(pending);
        assertThat(rush.warmUps()).extracting(WarmupPlan::id).containsExactly(started.id());
        assertThat(model.plans()).extracting(WarmupPlan::id).containsExactly(started.id());
        assertThat(model.confirmationProperty().get()).isEqualTo("Warm-up " + pending.id() + " cancelled");
    }

    @Test
    void oneOpeningGetsOneWarmUp() {
        chosen("2026-11-28T10:00:00Z");
        assertThat(model.schedule()).isTrue();
        model.minutesBeforeProperty().set("5");

        assertThat(model.schedule()).isFalse();

        assertThat(model.errorProperty().get()).contains("already planned for this opening");
        assertThat(rush.warmUps()).hasSize(1);
    }
}
