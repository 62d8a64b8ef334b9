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
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
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
    private final RushRunState run = new RushRunState();

    // crashes (issue 18): the strategy in worker JVMs, and a fault done to one of them
    /** The faults the dialog offers. */
    public static final List<String> FAULTS = List.of(RushFault.NONE, RushFault.SIGTERM, RushFault.SIGKILL);

    private final RushFaultForm faults = new RushFaultForm();
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
        for (javafx.beans.Observable field : faults.validated()) {
            field.addListener(o -> validate());
        }
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
        return faults.workersProperty();
    }

    /** One of {@link #FAULTS}. */
    public ObjectProperty<String> faultKindProperty() {
        return faults.faultKindProperty();
    }

    /** When the fault strikes, in percent of the rush's requests (0 to 99). */
    public StringProperty faultAtPercentProperty() {
        return faults.faultAtPercentProperty();
    }

    /** Whether the struck worker is started again. */
    public BooleanProperty faultRestartProperty() {
        return faults.faultRestartProperty();
    }

    /** Which worker is struck (1 or 2). */
    public ObjectProperty<Integer> faultWorkerProperty() {
        return faults.faultWorkerProperty();
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
        return run.running.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return run.progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return run.progressText.getReadOnlyProperty();
    }

    /** The event the rush is hitting right now (the dashboard follows it). */
    public ReadOnlyObjectProperty<Long> liveEventIdProperty() {
        return run.liveEventId.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RushResult> resultProperty() {
        return run.result.getReadOnlyProperty();
    }

    public ObservableList<RushReport> reports() {
        return run.reportsView;
    }

    public ObservableList<StrategyResult> comparison() {
        return run.comparisonView;
    }

    /** Answers by kind over every run of the rush. */
    public ObservableList<OutcomeCount> outcomes() {
        return run.outcomesView;
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
        String roomError = room.error(faults.hosts(), onEvent.get());
        return roomError != null ? roomError : faults.error(onEvent.get());
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
        return faults.applyTo(new RushRequest(
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
        if (!error.get().isEmpty() || run.running.get()) {
            return false;
        }
        RushRequest request = request();
        run.begin("Starting…");
        executor.submit("Starting the rush", () -> rush.start(request), this::started, failure -> run.notStarted());
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
        if (current == null || !run.running.get() || polling) {
            return;
        }
        polling = true;
        executor.submit("Reading the rush progress", current::progress, this::showProgress, failure -> polling = false);
    }

    private void showProgress(RushProgress snapshot) {
        polling = false;
        if (run.running.get()) {
            run.show(snapshot);
        }
    }

    private void finished(RushHandle finishedHandle, RushResult finished) {
        if (finishedHandle != handle) {
            return;
        }
        handle = null;
        run.finish(finished);
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
        if (run.running.get()) {
            return false;
        }
        int users = count;
        run.begin("Warming up…");
        executor.submit("Starting the warm-up", () -> rush.warmUp(users), this::started, failure -> run.notStarted());
        return true;
    }

    /** Stops sending; the report covers what was answered. */
    public void cancel() {
        RushHandle current = handle;
        if (current != null) {
            run.progressText.set("Cancelling…");
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
