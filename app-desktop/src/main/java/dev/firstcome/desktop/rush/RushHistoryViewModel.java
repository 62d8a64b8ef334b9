package dev.firstcome.desktop.rush;

import dev.firstcome.backend.rush.RushApi;
import dev.firstcome.desktop.ui.UiExecutor;
import dev.firstcome.model.RushHistoryEntry;
import dev.firstcome.model.RushReport;
import dev.firstcome.model.RushResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The rushes and warm-ups that finished, from the server's history (kept across restarts): one row each
 * with its figures, and the selected one's reports exported as CSV or Markdown.
 */
public final class RushHistoryViewModel {

    /** As many as fit a screen or two; the API gives up to 200. */
    static final int SHOWN = 50;

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss");

    private final RushApi rush;
    private final UiExecutor executor;
    private final ZoneId zone;
    private final ObservableList<RushHistoryEntry> entries = FXCollections.observableArrayList();
    /** The same read-only view every time: listeners on it must not be collected with a temporary wrapper. */
    private final ObservableList<RushHistoryEntry> entriesView = FXCollections.unmodifiableObservableList(entries);

    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    public RushHistoryViewModel(RushApi rush, UiExecutor executor, ZoneId zone) {
        this.rush = rush;
        this.executor = executor;
        this.zone = zone;
    }

    /** Finished rushes and warm-ups, newest first. */
    public ObservableList<RushHistoryEntry> entries() {
        return entriesView;
    }

    /** What the last export did, or why it failed. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public void refresh() {
        executor.submit("Loading the rush history", () -> rush.history(SHOWN), loaded -> {
            if (!entries.equals(loaded)) {
                entries.setAll(loaded);
            }
        });
    }

    /** Writes the entry's reports to {@code file}, as CSV or (markdown) as a Markdown table. */
    public void export(RushHistoryEntry entry, Path file, boolean markdown) {
        List<RushReport> reports = entry.result().reports();
        String text = markdown ? RushReportExport.markdown(reports) : RushReportExport.csv(reports);
        executor.submit(
                "Exporting rush " + entry.rushId(),
                () -> Files.writeString(file, text, StandardCharsets.UTF_8),
                written -> message.set("Rush " + entry.rushId() + " written to " + file));
    }

    /** "12-02 05:40:12" in the console's zone. */
    public String finishedAt(RushHistoryEntry entry) {
        RushResult result = entry.result();
        return result.finishedAt() == null
                ? "—"
                : WHEN.format(result.finishedAt().atZone(zone));
    }

    /** "warm-up" or "rush", and who started it. */
    public static String kind(RushHistoryEntry entry) {
        return (RushHistoryEntry.WARMUP.equals(entry.kind()) ? "warm-up" : "rush") + " · " + entry.actor();
    }

    public static String strategies(RushHistoryEntry entry) {
        List<RushReport> reports = entry.result().reports();
        if (reports.isEmpty()) {
            List<String> asked = entry.result().request().strategies();
            return asked == null || asked.isEmpty() ? "lua" : String.join(", ", asked);
        }
        return reports.stream().map(RushReport::strategy).distinct().collect(Collectors.joining(", "));
    }

    public static String users(RushHistoryEntry entry) {
        return count(entry.result().request().users());
    }

    public static String issued(RushHistoryEntry entry) {
        return count(
                entry.result().reports().stream().mapToLong(RushReport::winners).sum());
    }

    public static String oversold(RushHistoryEntry entry) {
        return count(entry.result().reports().stream()
                .mapToLong(RushReport::oversold)
                .sum());
    }

    public static String duplicates(RushHistoryEntry entry) {
        return count(entry.result().reports().stream()
                .mapToLong(RushReport::duplicates)
                .sum());
    }

    /** The best run's throughput (each run is one strategy; their sum would mean nothing). */
    public static String throughput(RushHistoryEntry entry) {
        return count((long) entry.result().reports().stream()
                .mapToDouble(RushReport::throughputPerSecond)
                .max()
                .orElse(0));
    }

    /** The worst run's p99. */
    public static String p99(RushHistoryEntry entry) {
        return String.format(
                Locale.ROOT,
                "%.1f",
                entry.result().reports().stream()
                        .mapToDouble(r -> r.latency().p99Ms())
                        .max()
                        .orElse(0));
    }

    /** COMPLETED, CANCELLED, or FAILED with its error. */
    public static String state(RushHistoryEntry entry) {
        RushResult result = entry.result();
        return result.error() == null ? result.state().name() : result.state() + ": " + result.error();
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
