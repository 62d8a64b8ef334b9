package dev.firstcome.desktop.dashboard;

import dev.firstcome.backend.admission.AdmissionStateApi;
import dev.firstcome.backend.admission.EventNotFoundException;
import dev.firstcome.backend.event.EventApi;
import dev.firstcome.backend.monitor.MonitorApi;
import dev.firstcome.desktop.ui.UiExecutor;
import dev.firstcome.model.EventPhase;
import dev.firstcome.model.EventState;
import dev.firstcome.model.EventStats;
import dev.firstcome.model.EventView;
import dev.firstcome.model.GroupLag;
import dev.firstcome.model.HealReport;
import dev.firstcome.model.LagStatus;
import dev.firstcome.model.PartitionLag;
import dev.firstcome.model.PipelineStatus;
import dev.firstcome.model.ReconcileReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The live dashboard of one event: Redis, database and Kafka figures refreshed every second while
 * visible, the event's true state (the backend's rule), admission and persist rates on a wall-clock
 * axis with the last hour kept per event (switching events and back keeps each history), the sold
 * share, an ETA to sell-out from the measured rate, the sell-out moment, alerts, reconcile and heal.
 */
public final class DashboardViewModel {

    /** One hour of one-second points, per event. */
    static final int MAX_POINTS = EventHistory.MAX_POINTS;
    /** The admission rate of the ETA is the average over this window. */
    static final Duration ETA_WINDOW = EventHistory.ETA_WINDOW;

    private final EventApi events;
    private final MonitorApi monitor;
    private final AdmissionStateApi admission;
    private final UiExecutor executor;
    private final Clock clock;
    private final ObservableList<EventView> eventChoices = FXCollections.observableArrayList();
    /** The same read-only view every time: listeners on it must not be collected with a temporary wrapper. */
    private final ObservableList<EventView> eventChoicesView = FXCollections.unmodifiableObservableList(eventChoices);

    private final ObjectProperty<EventView> event = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<EventStats> stats = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<EventState> state = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<PipelineStatus> pipeline = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<LagStatus> lagStatus = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Instant> soldOutAt = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Duration> eta = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper banner = new ReadOnlyStringWrapper("");
    private final DoubleProperty lagThresholdSeconds = new SimpleDoubleProperty(5);
    private final ObservableList<String> alerts = FXCollections.observableArrayList();
    private final ObservableList<String> alertsView = FXCollections.unmodifiableObservableList(alerts);
    private final ObservableList<PartitionLag> partitions = FXCollections.observableArrayList();
    /** The same read-only view every time: listeners on it must not be collected with a temporary wrapper. */
    private final ObservableList<PartitionLag> partitionsView = FXCollections.unmodifiableObservableList(partitions);

    private final ObservableList<GroupLag> groups = FXCollections.observableArrayList();
    /** The same read-only view every time: listeners on it must not be collected with a temporary wrapper. */
    private final ObservableList<GroupLag> groupsView = FXCollections.unmodifiableObservableList(groups);

    private final ObservableList<RatePoint> rates = FXCollections.observableArrayList();
    /** The same read-only view every time: listeners on it must not be collected with a temporary wrapper. */
    private final ObservableList<RatePoint> ratesView = FXCollections.unmodifiableObservableList(rates);

    private final ReadOnlyObjectWrapper<ReconcileReport> reconcile = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<HealReport> heal = new ReadOnlyObjectWrapper<>();
    private final Map<Long, EventHistory> histories = new HashMap<>();
    private boolean refreshing;
    /** Whether the operator chose the event in view (the events view, the picker), not the default. */
    private boolean chosen;

    private record Snapshot(EventStats stats, PipelineStatus pipeline, EventState state, Map<String, Long> outcomes) {}

    /** The apply outcomes grouped as operators read them. */
    static final Map<String, List<String>> OUTCOME_GROUPS = RequestRates.OUTCOME_GROUPS;

    private final ReadOnlyObjectWrapper<Map<String, Double>> requestRates = new ReadOnlyObjectWrapper<>(Map.of());
    private final RequestRates requestCounters = new RequestRates();

    public DashboardViewModel(
            EventApi events, MonitorApi monitor, AdmissionStateApi admission, UiExecutor executor, Clock clock) {
        this.events = events;
        this.monitor = monitor;
        this.admission = admission;
        this.executor = executor;
        this.clock = clock;
        event.addListener((o, was, now) -> {
            if (was == null || now == null || was.id() != now.id()) {
                showHistory(now);
            }
        });
        lagThresholdSeconds.addListener((o, was, now) -> updateAlerts());
    }

    public ObservableList<EventView> eventChoices() {
        return eventChoicesView;
    }

    /** The watched event (the view's picker binds it). */
    public ObjectProperty<EventView> eventProperty() {
        return event;
    }

    public ReadOnlyObjectProperty<EventStats> statsProperty() {
        return stats.getReadOnlyProperty();
    }

    /** The watched event's true state, as the apply path would answer. */
    public ReadOnlyObjectProperty<EventState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** "SOLD OUT", "OPENS IN 3h12m (10:00 KST)", ...: the banner over the tiles; empty while OPEN. */
    public ReadOnlyStringProperty bannerProperty() {
        return banner.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PipelineStatus> pipelineProperty() {
        return pipeline.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LagStatus> lagStatusProperty() {
        return lagStatus.getReadOnlyProperty();
    }

    /** The moment the watched event was seen selling out (remaining 0), or null. */
    public ReadOnlyObjectProperty<Instant> soldOutAtProperty() {
        return soldOutAt.getReadOnlyProperty();
    }

    /** Time left to sell out at the admission rate of the last {@link #ETA_WINDOW}, or null (no rate). */
    public ReadOnlyObjectProperty<Duration> etaProperty() {
        return eta.getReadOnlyProperty();
    }

    /** Lag (seconds behind) above which the dashboard alerts; settable in the header. */
    public DoubleProperty lagThresholdSecondsProperty() {
        return lagThresholdSeconds;
    }

    /** The alerts now: failed coupons, lag above the threshold, the pipeline stalled. */
    public ObservableList<String> alerts() {
        return alertsView;
    }

    public ObservableList<PartitionLag> partitions() {
        return partitionsView;
    }

    /** Every consumer group of the pipeline with its lag in records (-1: Kafka did not answer for it). */
    public ObservableList<GroupLag> groups() {
        return groupsView;
    }

    public ObservableList<RatePoint> rates() {
        return ratesView;
    }

    public ReadOnlyObjectProperty<ReconcileReport> reconcileProperty() {
        return reconcile.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<HealReport> healProperty() {
        return heal.getReadOnlyProperty();
    }

    /** Admitted but neither persisted nor failed yet. */
    public static long inFlight(EventStats stats) {
        return Math.max(0, stats.admitted() - stats.persisted() - stats.failedOpen());
    }

    /** Sold share of the total, 0..1 (admitted / (admitted + remaining)). */
    public static double soldShare(EventStats stats) {
        long total = stats.admitted() + stats.remaining();
        return total <= 0 ? 0 : Math.min(1.0, (double) stats.admitted() / total);
    }

    /** Reloads the event picker (lab events included, marked; the newest production event is the default). */
    public void loadEvents() {
        executor.submit("Loading events", () -> events.list(true), this::showEvents);
    }

    private void showEvents(List<EventView> loaded) {
        EventView current = event.get();
        eventChoices.setAll(loaded);
        if (current != null) {
            loaded.stream().filter(e -> e.id() == current.id()).findFirst().ifPresent(event::set);
        } else {
            loaded.stream()
                    .filter(e -> !e.lab())
                    .findFirst()
                    .or(() -> loaded.stream().findFirst())
                    .ifPresent(event::set);
        }
    }

    /** Watches this event (chosen by the operator: from the events view or the picker). */
    public void watch(EventView watched) {
        follow(watched);
        chosen = true;
    }

    /** The operator picked the event in view (the picker). */
    public void markChosen() {
        chosen = event.get() != null;
    }

    private void follow(EventView watched) {
        if (eventChoices.stream().noneMatch(e -> e.id() == watched.id())) {
            eventChoices.addFirst(watched);
        }
        event.set(watched);
        chosen = false;
        loadEvents();
    }

    /**
     * Offers the event with this id (a rush's rehearsal event): followed at once unless the operator chose
     * a production event to watch, which a lab event never replaces (it is in the picker to choose).
     */
    public void watchId(long eventId) {
        EventView current = event.get();
        if (current != null && current.id() == eventId) {
            return;
        }
        executor.submit(
                "Loading event " + eventId,
                () -> events.find(eventId).orElseThrow(() -> new EventNotFoundException(eventId)),
                found -> {
                    EventView now = event.get();
                    if (now != null && !now.lab() && chosen && found.lab()) {
                        if (eventChoices.stream().noneMatch(e -> e.id() == found.id())) {
                            eventChoices.addFirst(found);
                        }
                    } else {
                        follow(found);
                    }
                });
    }

    /** One refresh tick; skipped while the previous one is still running. */
    public void refresh() {
        EventView watched = event.get();
        if (watched == null || refreshing) {
            return;
        }
        refreshing = true;
        long id = watched.id();
        executor.submit(
                "Refreshing the dashboard",
                () -> new Snapshot(monitor.stats(id), monitor.pipeline(), stateOf(id), monitor.applyOutcomes()),
                snapshot -> {
                    refreshing = false;
                    record(id, snapshot);
                    if (event.get() != null && event.get().id() == id) {
                        show(snapshot);
                    }
                },
                failure -> refreshing = false);
    }

    private EventState stateOf(long eventId) {
        try {
            return admission.state(eventId);
        } catch (RuntimeException e) {
            return null; // the banner stays as it was; the status bar says what is down
        }
    }

    /** Adds the snapshot to the event's history (kept per event, one hour). */
    private void record(long eventId, Snapshot snapshot) {
        EventHistory history = histories.computeIfAbsent(eventId, id -> new EventHistory());
        EventStats current = snapshot.stats();
        boolean soldOut = current.remaining() <= 0
                || (snapshot.state() != null && snapshot.state().phase() == EventPhase.SOLD_OUT);
        RatePoint point = history.record(clock.instant(), current, soldOut);
        if (point != null && event.get() != null && event.get().id() == eventId) {
            rates.add(point);
            if (rates.size() > MAX_POINTS) {
                rates.remove(0, rates.size() - MAX_POINTS);
            }
        }
    }

    private void show(Snapshot snapshot) {
        EventStats current = snapshot.stats();
        EventHistory history = histories.get(current.eventId());
        stats.set(current);
        if (snapshot.state() != null) {
            state.set(snapshot.state());
        }
        pipeline.set(snapshot.pipeline());
        lagStatus.set(snapshot.pipeline().status());
        partitions.setAll(snapshot.pipeline().partitions());
        if (!groups.equals(snapshot.pipeline().groups())) {
            groups.setAll(snapshot.pipeline().groups());
        }
        soldOutAt.set(history == null ? null : history.soldOutAt());
        eta.set(history == null ? null : history.eta(current));
        banner.set(bannerOf(state.get()));
        updateRequestRates(snapshot.outcomes());
        updateAlerts();
    }

    /** Requests per second by outcome group (this server's answers, every event), from successive counters. */
    public ReadOnlyObjectProperty<Map<String, Double>> requestRatesProperty() {
        return requestRates.getReadOnlyProperty();
    }

    private void updateRequestRates(Map<String, Long> outcomes) {
        Map<String, Double> now = requestCounters.update(outcomes, clock.instant());
        if (now != null) {
            requestRates.set(now);
        }
    }

    private String bannerOf(EventState current) {
        if (current == null || current.phase() == EventPhase.OPEN) {
            return "";
        }
        return current.label(clock.instant());
    }

    private void updateAlerts() {
        List<String> found = DashboardAlerts.of(stats.get(), pipeline.get(), lagThresholdSeconds.get());
        if (!found.equals(alerts)) {
            alerts.setAll(found);
        }
    }

    /** Shows the history kept for this event (empty the first time it is watched). */
    private void showHistory(EventView now) {
        EventHistory history = now == null ? null : histories.get(now.id());
        rates.setAll(history == null ? List.of() : history.points());
        stats.set(null);
        state.set(null);
        banner.set("");
        eta.set(null);
        soldOutAt.set(history == null ? null : history.soldOutAt());
        alerts.clear();
        reconcile.set(null);
        heal.set(null);
    }

    /** Compares Redis, the database and the lag for the watched event. */
    public void reconcile() {
        EventView watched = event.get();
        if (watched != null) {
            executor.submit("Reconciling " + watched.name(), () -> monitor.reconcile(watched.id()), reconcile::set);
        }
    }

    /** Republishes what is missing beyond the lag and restores Redis from the database. */
    public void heal() {
        EventView watched = event.get();
        if (watched != null) {
            executor.submit("Healing " + watched.name(), () -> monitor.heal(watched.id()), report -> {
                heal.set(report);
                reconcile();
            });
        }
    }
}
