package dev.firstcome.desktop.rush;

import dev.firstcome.model.OutcomeCount;
import dev.firstcome.model.RushProgress;
import dev.firstcome.model.RushReport;
import dev.firstcome.model.RushResult;
import dev.firstcome.model.StrategyResult;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** What a rush (or warm-up) shows while it runs and once it finished: progress, the reports, the answers. */
final class RushRunState {

    final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    final ReadOnlyObjectWrapper<Long> liveEventId = new ReadOnlyObjectWrapper<>();
    final ReadOnlyObjectWrapper<RushResult> result = new ReadOnlyObjectWrapper<>();
    private final ObservableList<RushReport> reports = FXCollections.observableArrayList();
    /** The same read-only view every time: listeners on it must not be collected with a temporary wrapper. */
    final ObservableList<RushReport> reportsView = FXCollections.unmodifiableObservableList(reports);

    private final ObservableList<StrategyResult> comparison = FXCollections.observableArrayList();
    /** The same read-only view every time: listeners on it must not be collected with a temporary wrapper. */
    final ObservableList<StrategyResult> comparisonView = FXCollections.unmodifiableObservableList(comparison);

    private final ObservableList<OutcomeCount> outcomes = FXCollections.observableArrayList();
    /** The same read-only view every time: listeners on it must not be collected with a temporary wrapper. */
    final ObservableList<OutcomeCount> outcomesView = FXCollections.unmodifiableObservableList(outcomes);

    /** A new run starts: running, nothing shown yet but this text. */
    void begin(String text) {
        running.set(true);
        progress.set(0);
        progressText.set(text);
        result.set(null);
        reports.clear();
        comparison.clear();
        outcomes.clear();
    }

    /** The run could not be started. */
    void notStarted() {
        running.set(false);
        progressText.set("");
    }

    void show(RushProgress snapshot) {
        progress.set(snapshot.fraction());
        progressText.set(describe(snapshot));
        if (snapshot.eventId() != null) {
            liveEventId.set(snapshot.eventId());
        }
        outcomes.setAll(snapshot.outcomes());
    }

    /** The run finished with this result (null: it ended without one). */
    void finish(RushResult finished) {
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

    static List<OutcomeCount> sum(List<RushReport> reports) {
        var totals = new java.util.TreeMap<String, Long>();
        reports.forEach(r -> r.outcomes().forEach(o -> totals.merge(o.outcome(), o.count(), Long::sum)));
        return totals.entrySet().stream()
                .map(e -> new OutcomeCount(e.getKey(), e.getValue()))
                .toList();
    }
}
