package dev.firstcome.desktop.rush;

import dev.firstcome.backend.event.EventApi;
import dev.firstcome.backend.rush.RushApi;
import dev.firstcome.desktop.ui.UiExecutor;
import dev.firstcome.model.EventStatus;
import dev.firstcome.model.EventView;
import dev.firstcome.model.WarmupPlan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Schedules the launch-day warm-up some minutes before an event's next opening, and lists the warm-ups
 * scheduled or started (a scheduled one can be cancelled). The number of users is the one of the
 * "Warm up now" row.
 */
public final class WarmupScheduleViewModel {

    /** At most a day ahead of the opening: a warm-up helps the JIT, and the JIT forgets nothing in a day. */
    static final int MAX_MINUTES_BEFORE = 1440;

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final EventApi events;
    private final RushApi rush;
    private final UiExecutor executor;
    private final Clock clock;
    private final StringProperty users;
    private final StringProperty minutesBefore = new SimpleStringProperty("5");
    private final ObjectProperty<EventView> event = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper confirmation = new ReadOnlyStringWrapper("");
    private final ObservableList<EventView> upcoming = FXCollections.observableArrayList();
    /** The same read-only view every time: listeners on it must not be collected with a temporary wrapper. */
    private final ObservableList<EventView> upcomingView = FXCollections.unmodifiableObservableList(upcoming);

    private final ObservableList<WarmupPlan> plans = FXCollections.observableArrayList();
    /** The same read-only view every time: listeners on it must not be collected with a temporary wrapper. */
    private final ObservableList<WarmupPlan> plansView = FXCollections.unmodifiableObservableList(plans);

    private final Map<Long, EventView> known = new HashMap<>();

    public WarmupScheduleViewModel(
            EventApi events, RushApi rush, UiExecutor executor, Clock clock, StringProperty users) {
        this.events = events;
        this.rush = rush;
        this.executor = executor;
        this.clock = clock;
        this.users = users;
    }

    /** Events with an opening still ahead (not lab, not closed), soonest opening first. */
    public ObservableList<EventView> upcomingEvents() {
        return upcomingView;
    }

    /** The event whose next opening the warm-up precedes. */
    public ObjectProperty<EventView> eventProperty() {
        return event;
    }

    /** Minutes between the warm-up's start and the opening (0 to 1440). */
    public StringProperty minutesBeforeProperty() {
        return minutesBefore;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** What the last schedule did ("Warm-up w-… runs at …"). */
    public ReadOnlyStringProperty confirmationProperty() {
        return confirmation.getReadOnlyProperty();
    }

    /** Warm-ups scheduled or started by this server, newest first. */
    public ObservableList<WarmupPlan> plans() {
        return plansView;
    }

    /** Reloads the events with an opening ahead and the warm-ups. */
    public void refresh() {
        executor.submit(
                "Loading events for the warm-up",
                () -> {
                    List<WarmupPlan> loaded = rush.warmUps();
                    java.util.Map<String, String> results = new java.util.HashMap<>();
                    for (WarmupPlan plan : loaded) {
                        if (plan.rushId() != null) {
                            rush.find(plan.rushId()).ifPresent(h -> results.put(plan.rushId(), result(h)));
                        }
                    }
                    return new Loaded(events.list(false), loaded, results);
                },
                this::show);
    }

    /** "RUNNING 40 %", "COMPLETED: 200 issued, 0 oversold", "FAILED", from the rush that ran it. */
    private static String result(dev.firstcome.backend.rush.RushHandle handle) {
        var progress = handle.progress();
        if (handle.result().isDone()) {
            var done = handle.result().join();
            long issued = done.reports().stream()
                    .mapToLong(dev.firstcome.model.RushReport::winners)
                    .sum();
            long oversold = done.reports().stream()
                    .mapToLong(dev.firstcome.model.RushReport::oversold)
                    .sum();
            return done.state()
                    + (done.reports().isEmpty() ? "" : ": " + issued + " issued, " + oversold + " oversold");
        }
        return progress.state() + String.format(Locale.ROOT, " %.0f %%", progress.fraction() * 100);
    }

    private final java.util.Map<String, String> results = new java.util.HashMap<>();

    private record Loaded(List<EventView> events, List<WarmupPlan> plans, java.util.Map<String, String> results) {}

    private void show(Loaded loaded) {
        Instant now = clock.instant();
        known.clear();
        loaded.events().forEach(e -> known.put(e.id(), e));
        List<EventView> ahead = loaded.events().stream()
                .filter(e -> !e.lab() && e.status() != EventStatus.CLOSED)
                .filter(e -> nextOpening(e, now).isPresent())
                .sorted(Comparator.comparing(
                        (EventView e) -> nextOpening(e, now).orElseThrow()))
                .toList();
        EventView chosen = event.get();
        upcoming.setAll(ahead);
        event.set(
                chosen == null
                        ? null
                        : ahead.stream()
                                .filter(e -> e.id() == chosen.id())
                                .findFirst()
                                .orElse(null));
        results.clear();
        results.putAll(loaded.results());
        plans.setAll(loaded.plans());
    }

    /**
     * Schedules the warm-up {@code minutesBefore} before the chosen event's next opening (at once when
     * that moment has passed). False, with a message naming the field, when the form is not valid.
     */
    public boolean schedule() {
        String problem = firstError();
        error.set(problem == null ? "" : problem);
        if (problem != null) {
            return false;
        }
        EventView target = event.get();
        int minutes = FormNumbers.whole(minutesBefore.get());
        int count = FormNumbers.count(users.get());
        Instant now = clock.instant();
        Instant opening = nextOpening(target, now).orElse(null);
        if (opening == null) {
            error.set("Event: \"" + target.name() + "\" has no opening ahead");
            return false;
        }
        var planned = plans.stream()
                .filter(p -> p.rushId() == null
                        && Long.valueOf(target.id()).equals(p.forEventId())
                        && !p.runAt().isAfter(opening))
                .findFirst();
        if (planned.isPresent()) {
            error.set("Event: a warm-up is already planned for this opening ("
                    + planned.get().id() + ", " + describeStart(planned.get(), zoneOf(target))
                    + "); cancel it first to change it");
            return false;
        }
        Instant wanted = opening.minus(Duration.ofMinutes(minutes));
        Instant runAt = wanted.isBefore(now) ? now : wanted;
        executor.submit("Scheduling the warm-up", () -> rush.scheduleWarmUp(target.id(), runAt, count), plan -> {
            confirmation.set("Warm-up " + plan.id() + " for \"" + target.name() + "\": "
                    + describeStart(plan, zoneOf(target)) + ", opening at "
                    + WHEN.format(opening.atZone(zoneOf(target))) + " (" + target.zoneId() + ")");
            refresh();
        });
        return true;
    }

    /** Cancels a warm-up that has not started yet. */
    public void cancel(WarmupPlan plan) {
        if (plan == null || plan.rushId() != null) {
            return;
        }
        executor.submit("Cancelling the warm-up", () -> rush.cancelWarmUp(plan.id()), cancelled -> {
            confirmation.set(
                    cancelled
                            ? "Warm-up " + plan.id() + " cancelled"
                            : "Warm-up " + plan.id() + " had already started");
            refresh();
        });
    }

    private String firstError() {
        if (event.get() == null) {
            return "Event: choose the event the warm-up precedes";
        }
        Integer minutes = FormNumbers.whole(minutesBefore.get());
        if (minutes == null || minutes < 0 || minutes > MAX_MINUTES_BEFORE) {
            return "Minutes before: a whole number from 0 to " + MAX_MINUTES_BEFORE;
        }
        int count = FormNumbers.count(users.get());
        if (count < 1 || count > 1_000_000) {
            return RushViewModel.WARMUP_USERS_RULE;
        }
        return null;
    }

    /** The chooser's line for an event: its name and its next opening in its own zone. */
    public String describeEvent(EventView e) {
        if (e == null) {
            return "";
        }
        ZoneId zone = zoneOf(e);
        return nextOpening(e, clock.instant())
                .map(at -> "#" + e.id() + " " + e.name() + " · opens " + WHEN.format(at.atZone(zone)) + " ("
                        + zone.getId() + ")")
                .orElse("#" + e.id() + " " + e.name());
    }

    /** One line per warm-up for the list: when, for which event, how many users, and its state. */
    public String describe(WarmupPlan plan) {
        EventView target = plan.forEventId() == null ? null : known.get(plan.forEventId());
        String forWhat = plan.forEventId() == null
                ? "started by hand"
                : "before \"" + (target == null ? "event " + plan.forEventId() : target.name()) + "\"";
        return String.format(
                Locale.ROOT,
                "%s · %s · %s · %,d users",
                plan.id(),
                forWhat,
                describeStart(plan, target == null ? ZoneId.of("UTC") : zoneOf(target)),
                plan.users());
    }

    private String describeStart(WarmupPlan plan, ZoneId zone) {
        String at = WHEN.format(plan.runAt().atZone(zone)) + " (" + zone.getId() + ")";
        if (plan.rushId() != null) {
            String result = results.get(plan.rushId());
            return "started at " + at + " as rush " + plan.rushId() + " · "
                    + (result == null ? "result on the server that ran it" : result);
        }
        Instant now = clock.instant();
        return plan.runAt().isAfter(now)
                ? "starts in "
                        + dev.firstcome.model.EventState.countdownText(java.time.Duration.between(now, plan.runAt()))
                        + " at " + at
                : "starting now";
    }

    private static ZoneId zoneOf(EventView e) {
        try {
            return ZoneId.of(e.zoneId());
        } catch (RuntimeException invalid) {
            return ZoneId.of("UTC");
        }
    }

    /**
     * The next moment at or after {@code now} when the event starts taking applies: its start, or for an
     * event with a daily open time the next daily opening inside its window. Empty when the event has
     * ended or is open now with no opening to come.
     */
    static Optional<Instant> nextOpening(EventView e, Instant now) {
        if (!now.isBefore(e.endsAt())) {
            return Optional.empty();
        }
        ZoneId zone = zoneOf(e);
        LocalTime open = e.dailyOpenTime();
        LocalTime close = e.dailyCloseTime();
        if (open == null) {
            return e.startsAt().isAfter(now) || e.startsAt().equals(now) ? Optional.of(e.startsAt()) : Optional.empty();
        }
        Instant from = e.startsAt().isAfter(now) ? e.startsAt() : now;
        if (e.startsAt().isAfter(now) || e.startsAt().equals(now)) {
            // the start itself is an opening when it falls inside that day's open hours
            LocalTime startTime = e.startsAt().atZone(zone).toLocalTime();
            if (!startTime.isBefore(open) && (close == null || startTime.isBefore(close))) {
                return Optional.of(e.startsAt());
            }
        }
        LocalDate day = from.atZone(zone).toLocalDate();
        for (int i = 0; i < 2; i++) {
            Instant candidate = ZonedDateTime.of(day.plusDays(i), open, zone).toInstant();
            if (!candidate.isBefore(from)) {
                return candidate.isBefore(e.endsAt()) ? Optional.of(candidate) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
