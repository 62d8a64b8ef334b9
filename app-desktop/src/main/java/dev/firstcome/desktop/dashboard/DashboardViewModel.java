package dev.firstcome.desktop.dashboard;

import dev.firstcome.backend.admission.EventNotFoundException;
import dev.firstcome.backend.event.EventApi;
import dev.firstcome.backend.monitor.MonitorApi;
import dev.firstcome.desktop.ui.UiExecutor;
import dev.firstcome.model.EventStats;
import dev.firstcome.model.EventView;
import dev.firstcome.model.HealReport;
import dev.firstcome.model.LagStatus;
import dev.firstcome.model.PartitionLag;
import dev.firstcome.model.PipelineStatus;
import dev.firstcome.model.ReconcileReport;
import java.util.List;
import java.util.function.LongSupplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The live dashboard of one event: Redis, database and Kafka figures refreshed every second while
 * visible, admission and persist rates from the deltas of successive figures, reconcile and heal.
 */
public final class DashboardViewModel {

    /** Five minutes of one-second points. */
    static final int MAX_POINTS = 300;

    private final EventApi events;
    private final MonitorApi monitor;
    private final UiExecutor executor;
    private final LongSupplier nanoTime;
    private final ObservableList<EventView> eventChoices = FXCollections.observableArrayList();
    /** The same read-only view every time: listeners on it must not be collected with a temporary wrapper. */
    private final ObservableList<EventView> eventChoicesView = FXCollections.unmodifiableObservableList(eventChoices);

    private final ObjectProperty<EventView> event = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<EventStats> stats = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<PipelineStatus> pipeline = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<LagStatus> lagStatus = new ReadOnlyObjectWrapper<>();
    private final ObservableList<PartitionLag> partitions = FXCollections.observableArrayList();
    /** The same read-only view every time: listeners on it must not be collected with a temporary wrapper. */
    private final ObservableList<PartitionLag> partitionsView = FXCollections.unmodifiableObservableList(partitions);

    private final ObservableList<RatePoint> rates = FXCollections.observableArrayList();
    /** The same read-only view every time: listeners on it must not be collected with a temporary wrapper. */
    private final ObservableList<RatePoint> ratesView = FXCollections.unmodifiableObservableList(rates);

    private final ReadOnlyObjectWrapper<ReconcileReport> reconcile = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<HealReport> heal = new ReadOnlyObjectWrapper<>();
    private boolean refreshing;
    private long startNanos;
    private Sample previous;

    private record Sample(long nanos, long admitted, long persisted) {}

    private record Snapshot(EventStats stats, PipelineStatus pipeline) {}

    public DashboardViewModel(EventApi events, MonitorApi monitor, UiExecutor executor, LongSupplier nanoTime) {
        this.events = events;
        this.monitor = monitor;
        this.executor = executor;
        this.nanoTime = nanoTime;
        event.addListener((o, was, now) -> {
            if (was == null || now == null || was.id() != now.id()) {
                resetSeries();
            }
        });
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

    public ReadOnlyObjectProperty<PipelineStatus> pipelineProperty() {
        return pipeline.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LagStatus> lagStatusProperty() {
        return lagStatus.getReadOnlyProperty();
    }

    public ObservableList<PartitionLag> partitions() {
        return partitionsView;
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

    /** Reloads the event picker (lab events included: rush rehearsals are watched here too). */
    public void loadEvents() {
        executor.submit("Loading events", () -> events.list(true), this::showEvents);
    }

    private void showEvents(List<EventView> loaded) {
        EventView current = event.get();
        eventChoices.setAll(loaded);
        if (current != null) {
            loaded.stream().filter(e -> e.id() == current.id()).findFirst().ifPresent(event::set);
        } else if (!loaded.isEmpty()) {
            event.set(loaded.getFirst());
        }
    }

    /** Watches this event (from the events view or the rush dialog). */
    public void watch(EventView watched) {
        if (eventChoices.stream().noneMatch(e -> e.id() == watched.id())) {
            eventChoices.addFirst(watched);
        }
        event.set(watched);
        loadEvents();
    }

    /** Watches the event with this id (e.g. the rush's rehearsal event). */
    public void watchId(long eventId) {
        EventView current = event.get();
        if (current != null && current.id() == eventId) {
            return;
        }
        executor.submit(
                "Loading event " + eventId,
                () -> events.find(eventId).orElseThrow(() -> new EventNotFoundException(eventId)),
                this::watch);
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
                () -> new Snapshot(monitor.stats(id), monitor.pipeline()),
                snapshot -> {
                    refreshing = false;
                    if (event.get() != null && event.get().id() == id) {
                        show(snapshot);
                    }
                },
                failure -> refreshing = false);
    }

    private void show(Snapshot snapshot) {
        EventStats current = snapshot.stats();
        long now = nanoTime.getAsLong();
        if (previous != null && now > previous.nanos()) {
            double seconds = (now - previous.nanos()) / 1e9;
            rates.add(new RatePoint(
                    (now - startNanos) / 1e9,
                    Math.max(0, current.admitted() - previous.admitted()) / seconds,
                    Math.max(0, current.persisted() - previous.persisted()) / seconds));
            if (rates.size() > MAX_POINTS) {
                rates.remove(0, rates.size() - MAX_POINTS);
            }
        }
        previous = new Sample(now, current.admitted(), current.persisted());
        stats.set(current);
        pipeline.set(snapshot.pipeline());
        lagStatus.set(snapshot.pipeline().status());
        partitions.setAll(snapshot.pipeline().partitions());
    }

    private void resetSeries() {
        rates.clear();
        previous = null;
        startNanos = nanoTime.getAsLong();
        stats.set(null);
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
