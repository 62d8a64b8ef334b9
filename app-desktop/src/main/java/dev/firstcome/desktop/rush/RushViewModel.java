package dev.firstcome.desktop.rush;

import dev.firstcome.backend.rush.RushApi;
import dev.firstcome.backend.rush.RushHandle;
import dev.firstcome.desktop.ui.UiExecutor;
import dev.firstcome.model.EventView;
import dev.firstcome.model.OutcomeCount;
import dev.firstcome.model.RushFault;
import dev.firstcome.model.RushProgress;
import dev.firstcome.model.RushReport;
import dev.firstcome.model.RushRequest;
import dev.firstcome.model.RushResult;
import dev.firstcome.model.StrategyResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

/**
 * Simulate rush: the parameters, the run (progress, cancel) and the report. A rush runs either on the
 * chosen event or on fresh rehearsal (lab) events, one per chosen strategy, for a comparison.
 */
public final class RushViewModel {

    public static final String PRODUCTION_STRATEGY = "lua";
    /** The message for a warm-up size out of bounds (this form and the schedule form). */
    static final String WARMUP_USERS_RULE = "Warm-up users: a whole number from 1 to 1,000,000";

    private final RushApi rush;
    private final UiExecutor executor;
    private final StringProperty users = new SimpleStringProperty("1000");
    private final StringProperty concurrency = new SimpleStringProperty("64");
    private final StringProperty duplicatePercent = new SimpleStringProperty("10");
    private final StringProperty quantity = new SimpleStringProperty("100");
    private final BooleanProperty onEvent = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<EventView> event = new ReadOnlyObjectWrapper<>();
    private final ObservableList<String> strategies = FXCollections.observableArrayList(PRODUCTION_STRATEGY);
    /** The same read-only view every time: listeners on it must not be collected with a temporary wrapper. */
    private final ObservableList<String> strategiesView = FXCollections.unmodifiableObservableList(strategies);

    private final ObservableSet<String> chosen = FXCollections.observableSet(PRODUCTION_STRATEGY);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final StringProperty warmupUsers = new SimpleStringProperty("100000");
    private final ReadOnlyStringWrapper warmupError = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Long> liveEventId = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RushResult> result = new ReadOnlyObjectWrapper<>();
    private final ObservableList<RushReport> reports = FXCollections.observableArrayList();
    /** The same read-only view every time: listeners on it must not be collected with a temporary wrapper. */
    private final ObservableList<RushReport> reportsView = FXCollections.unmodifiableObservableList(reports);

    private final ObservableList<StrategyResult> comparison = FXCollections.observableArrayList();
    /** The same read-only view every time: listeners on it must not be collected with a temporary wrapper. */
    private final ObservableList<StrategyResult> comparisonView = FXCollections.unmodifiableObservableList(comparison);

    private final ObservableList<OutcomeCount> outcomes = FXCollections.observableArrayList();
    /** The same read-only view every time: listeners on it must not be collected with a temporary wrapper. */
    private final ObservableList<OutcomeCount> outcomesView = FXCollections.unmodifiableObservableList(outcomes);

    // crashes (issue 18): the strategy in worker JVMs, and a fault done to one of them
    /** The faults the dialog offers. */
    public static final List<String> FAULTS = List.of(RushFault.NONE, RushFault.SIGTERM, RushFault.SIGKILL);

    private final ObjectProperty<Integer> workers = new SimpleObjectProperty<>(0);
    private final ObjectProperty<String> faultKind = new SimpleObjectProperty<>(RushFault.NONE);
    private final StringProperty faultAtPercent = new SimpleStringProperty("50");
    private final BooleanProperty faultRestart = new SimpleBooleanProperty(true);
    private final ObjectProperty<Integer> faultWorker = new SimpleObjectProperty<>(1);
    private final RushRoomForm room = new RushRoomForm();

    private RushHandle handle;
    private boolean polling;

    public RushViewModel(RushApi rush, UiExecutor executor) {
        this.rush = rush;
        this.executor = executor;
        users.addListener(o -> validate());
        concurrency.addListener(o -> validate());
        duplicatePercent.addListener(o -> validate());
        quantity.addListener(o -> validate());
        onEvent.addListener(o -> validate());
        chosen.addListener((javafx.collections.SetChangeListener<String>) change -> validate());
        workers.addListener(o -> validate());
        faultKind.addListener(o -> validate());
        faultAtPercent.addListener(o -> validate());
        faultWorker.addListener(o -> validate());
        room.modeProperty().addListener(o -> validate());
        room.outflowProperty().addListener(o -> validate());
        validate();
    }

    /** Through a waiting room or straight to the apply path (fresh rehearsal events). */
    public RushRoomForm room() {
        return room;
    }

    /** Worker JVMs hosting the strategy: 0 (inside the server), 1 or 2. */
    public ObjectProperty<Integer> workersProperty() {
        return workers;
    }

    /** One of {@link #FAULTS}. */
    public ObjectProperty<String> faultKindProperty() {
        return faultKind;
    }

    /** When the fault strikes, in percent of the rush's requests (0 to 99). */
    public StringProperty faultAtPercentProperty() {
        return faultAtPercent;
    }

    /** Whether the struck worker is started again. */
    public BooleanProperty faultRestartProperty() {
        return faultRestart;
    }

    /** Which worker is struck (1 or 2). */
    public ObjectProperty<Integer> faultWorkerProperty() {
        return faultWorker;
    }

    /** The worker and fault part of the form, or null when it is fine. */
    private String faultError() {
        int hosts = workers.get() == null ? 0 : workers.get();
        boolean faulty = faultKind.get() != null && !RushFault.NONE.equals(faultKind.get());
        if (hosts > 0 && onEvent.get()) {
            return "Worker JVMs and faults need fresh rehearsal events";
        }
        if (faulty && hosts == 0) {
            return "A fault needs the strategy in 1 or 2 worker JVMs";
        }
        if (faulty) {
            Integer at = FormNumbers.whole(faultAtPercent.get());
            if (at == null || at < 0 || at > 99) {
                return "Fault point must be a percentage from 0 to 99";
            }
            int struck = faultWorker.get() == null ? 1 : faultWorker.get();
            if (struck < 1 || struck > hosts) {
                return "The struck worker must be one of the " + hosts + " worker(s)";
            }
        }
        return null;
    }

    /** The request with the worker and fault part of the form. */
    private RushRequest withWorkers(RushRequest request) {
        int hosts = workers.get() == null ? 0 : workers.get();
        if (hosts == 0) {
            return request;
        }
        RushFault fault = RushFault.NONE.equals(faultKind.get())
                ? RushFault.none()
                : RushFault.of(
                        faultKind.get(),
                        FormNumbers.whole(faultAtPercent.get()) / 100.0,
                        faultRestart.get(),
                        faultWorker.get() == null ? 1 : faultWorker.get());
        return request.withWorkers(hosts, fault);
    }

    /** Prepares a rush on this event (null: fresh rehearsal events only). */
    public void target(EventView target) {
        event.set(target);
        onEvent.set(target != null && target.lab());
        if (target != null) {
            quantity.set(Integer.toString(target.totalQuantity()));
        }
        validate();
    }

    public StringProperty usersProperty() {
        return users;
    }

    public StringProperty concurrencyProperty() {
        return concurrency;
    }

    /** Share of extra requests that repeat a user already in the rush, in percent. */
    public StringProperty duplicatePercentProperty() {
        return duplicatePercent;
    }

    /** Coupons of each fresh rehearsal event. */
    public StringProperty quantityProperty() {
        return quantity;
    }

    /** True: rush the chosen event itself; false: fresh rehearsal events, one per strategy. */
    public BooleanProperty onEventProperty() {
        return onEvent;
    }

    public ReadOnlyObjectProperty<EventView> eventProperty() {
        return event.getReadOnlyProperty();
    }

    public ObservableList<String> strategies() {
        return strategiesView;
    }

    /** The strategies to run (one fresh rehearsal event each). */
    public ObservableSet<String> chosenStrategies() {
        return chosen;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** The event the rush is hitting right now (the dashboard follows it). */
    public ReadOnlyObjectProperty<Long> liveEventIdProperty() {
        return liveEventId.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RushResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ObservableList<RushReport> reports() {
        return reportsView;
    }

    public ObservableList<StrategyResult> comparison() {
        return comparisonView;
    }

    /** Answers by kind over every run of the rush. */
    public ObservableList<OutcomeCount> outcomes() {
        return outcomesView;
    }

    public void loadStrategies() {
        executor.submit("Loading admission strategies", () -> new ArrayList<>(rush.strategies()), names -> {
            names.sort(Comparator.comparing((String n) -> !n.equals(PRODUCTION_STRATEGY))
                    .thenComparing(Comparator.naturalOrder()));
            strategies.setAll(names);
            chosen.retainAll(names);
            if (chosen.isEmpty() && names.contains(PRODUCTION_STRATEGY)) {
                chosen.add(PRODUCTION_STRATEGY);
            }
        });
    }

    private void validate() {
        error.set(Objects.requireNonNullElse(firstError(), ""));
    }

    private String firstError() {
        Integer userCount = FormNumbers.whole(users.get());
        if (userCount == null || userCount < 1 || userCount > 1_000_000) {
            return "Users must be a whole number from 1 to 1,000,000";
        }
        Integer threads = FormNumbers.whole(concurrency.get());
        if (threads == null || threads < 1 || threads > 1024) {
            return "Concurrency must be a whole number from 1 to 1024";
        }
        Integer share = FormNumbers.whole(duplicatePercent.get());
        if (share == null || share < 0 || share > 100) {
            return "Duplicate share must be a percentage from 0 to 100";
        }
        if (!onEvent.get()) {
            Integer coupons = FormNumbers.whole(quantity.get());
            if (coupons == null || coupons < 1) {
                return "Quantity must be a whole number of at least 1";
            }
            if (chosen.isEmpty()) {
                return "Choose at least one admission strategy";
            }
        } else if (event.get() == null) {
            return "Choose an event";
        }
        String roomError = room.error(workers.get() == null ? 0 : workers.get(), onEvent.get());
        return roomError != null ? roomError : faultError();
    }

    /** The request the form describes (valid form only). */
    RushRequest request() {
        int userCount = FormNumbers.whole(users.get());
        int threads = FormNumbers.whole(concurrency.get());
        double share = FormNumbers.whole(duplicatePercent.get()) / 100.0;
        if (onEvent.get()) {
            return new RushRequest(event.get().id(), List.of(), null, null, userCount, threads, share, 0, 0, null);
        }
        Integer daily = event.get() == null ? null : event.get().dailyQuantity();
        int coupons = FormNumbers.whole(quantity.get());
        List<String> names = strategies.stream().filter(chosen::contains).toList();
        return withWorkers(new RushRequest(
                        null,
                        names,
                        coupons,
                        daily == null || daily > coupons ? null : daily,
                        userCount,
                        threads,
                        share,
                        0,
                        0,
                        null))
                .withRoom(room.room());
    }

    /** Starts the rush; false while the form has an error or a rush runs. */
    public boolean start() {
        validate();
        if (!error.get().isEmpty() || running.get()) {
            return false;
        }
        RushRequest request = request();
        running.set(true);
        progress.set(0);
        progressText.set("Starting…");
        result.set(null);
        reports.clear();
        comparison.clear();
        outcomes.clear();
        executor.submit("Starting the rush", () -> rush.start(request), this::started, failure -> {
            running.set(false);
            progressText.set("");
        });
        return true;
    }

    private void started(RushHandle started) {
        handle = started;
        started.result().whenComplete((finished, failure) -> executor.publish(() -> finished(started, finished)));
        poll();
    }

    /** Reads the progress of the running rush (the view calls it a few times per second). */
    public void poll() {
        RushHandle current = handle;
        if (current == null || !running.get() || polling) {
            return;
        }
        polling = true;
        executor.submit("Reading the rush progress", current::progress, this::showProgress, failure -> polling = false);
    }

    private void showProgress(RushProgress snapshot) {
        polling = false;
        if (!running.get()) {
            return;
        }
        progress.set(snapshot.fraction());
        progressText.set(describe(snapshot));
        if (snapshot.eventId() != null) {
            liveEventId.set(snapshot.eventId());
        }
        outcomes.setAll(snapshot.outcomes());
    }

    static String describe(RushProgress p) {
        return String.format(
                Locale.ROOT,
                "%s · run %d of %d (%s) · %,d of %,d answered",
                p.state(),
                p.run(),
                p.runs(),
                p.strategy() == null ? "-" : p.strategy(),
                p.completed(),
                p.total());
    }

    private void finished(RushHandle finishedHandle, RushResult finished) {
        if (finishedHandle != handle) {
            return;
        }
        handle = null;
        running.set(false);
        if (finished == null) {
            progressText.set("The rush ended without a result");
            return;
        }
        progress.set(1);
        result.set(finished);
        reports.setAll(finished.reports());
        comparison.setAll(
                finished.comparison() == null
                        ? finished.reports().stream().map(StrategyResult::of).toList()
                        : finished.comparison().rows());
        outcomes.setAll(sum(finished.reports()));
        progressText.set(finished.state() + (finished.error() == null ? "" : ": " + finished.error()));
    }

    static List<OutcomeCount> sum(List<RushReport> reports) {
        var totals = new java.util.TreeMap<String, Long>();
        reports.forEach(r -> r.outcomes().forEach(o -> totals.merge(o.outcome(), o.count(), Long::sum)));
        return totals.entrySet().stream()
                .map(e -> new OutcomeCount(e.getKey(), e.getValue()))
                .toList();
    }

    /** Users of the launch-day warm-up (a synthetic rush on a lab event, through the apply server). */
    public StringProperty warmupUsersProperty() {
        return warmupUsers;
    }

    public ReadOnlyStringProperty warmupErrorProperty() {
        return warmupError.getReadOnlyProperty();
    }

    /**
     * Starts the warm-up now; its progress shows like a rush's. False (with a message) when the number of
     * users is not 1 to 1,000,000, or while a rush runs.
     */
    public boolean warmUp() {
        int count = FormNumbers.count(warmupUsers.get());
        if (count < 1 || count > 1_000_000) {
            warmupError.set(WARMUP_USERS_RULE);
            return false;
        }
        warmupError.set("");
        if (running.get()) {
            return false;
        }
        int users = count;
        running.set(true);
        progress.set(0);
        progressText.set("Warming up…");
        result.set(null);
        reports.clear();
        comparison.clear();
        outcomes.clear();
        executor.submit("Starting the warm-up", () -> rush.warmUp(users), this::started, failure -> {
            running.set(false);
            progressText.set("");
        });
        return true;
    }

    /** Stops sending; the report covers what was answered. */
    public void cancel() {
        RushHandle current = handle;
        if (current != null) {
            progressText.set("Cancelling…");
            executor.submit(
                    "Cancelling the rush",
                    () -> {
                        current.cancel();
                        return current;
                    },
                    cancelled -> {});
        }
    }

    /** Writes an exported report (CSV or Markdown) to this file, off the FX thread; says where in the status. */
    public void export(java.nio.file.Path file, String text) {
        executor.submit(
                "Exporting the rush report",
                () -> java.nio.file.Files.writeString(file, text, java.nio.charset.StandardCharsets.UTF_8),
                written -> error.set(""));
    }
}
