package dev.firstcome.desktop.security;

import dev.firstcome.backend.audit.AuditApi;
import dev.firstcome.desktop.ui.UiExecutor;
import dev.firstcome.model.AuditEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log: the newest entries matching the actor, action and target filters (substrings, except a
 * whole target such as {@code event:42}, which matches only itself; blank is any), the selected entry's state before and after (pretty-printed JSON), and the rows as CSV.
 */
public final class AuditLogViewModel {

    /** How many entries one refresh shows. */
    public static final int LIMIT = 200;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CSV_HEADER = "time,actor,action,target,before,after";

    private final AuditApi audit;
    private final UiExecutor executor;
    private final DateTimeFormatter time;
    private final DateTimeFormatter csvTime;
    private final ObservableList<AuditEntry> entries = FXCollections.observableArrayList();
    /** The same read-only view every time: listeners on it must not be collected with a temporary wrapper. */
    private final ObservableList<AuditEntry> entriesView = FXCollections.unmodifiableObservableList(entries);

    private final StringProperty actor = new SimpleStringProperty("");
    private final StringProperty action = new SimpleStringProperty("");
    private final StringProperty target = new SimpleStringProperty("");
    private final ObjectProperty<AuditEntry> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper before = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper after = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

    /** Times are shown in this zone (the machine's). */
    public AuditLogViewModel(AuditApi audit, UiExecutor executor, ZoneId zone) {
        this.audit = audit;
        this.executor = executor;
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
        this.csvTime = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone);
        selected.subscribe(entry -> {
            before.set(entry == null ? "" : prettyJson(entry.before()));
            after.set(entry == null ? "" : prettyJson(entry.after()));
        });
    }

    /** Newest first, at most {@link #LIMIT}. */
    public ObservableList<AuditEntry> entries() {
        return entriesView;
    }

    /** Substring of the actor (e.g. a token's name, {@code console}); blank: any. */
    public StringProperty actorProperty() {
        return actor;
    }

    /** Substring of the action (e.g. {@code token.revoke}); blank: any. */
    public StringProperty actionProperty() {
        return action;
    }

    /** The target: a whole one ({@code event:42}) matches only itself, anything else as a part; blank: any. */
    public StringProperty targetProperty() {
        return target;
    }

    /** The entry whose before and after are shown (the table's selection). */
    public ObjectProperty<AuditEntry> selectedProperty() {
        return selected;
    }

    /** The selected entry's state before, pretty-printed; empty when there was none (a creation). */
    public ReadOnlyStringProperty beforeProperty() {
        return before.getReadOnlyProperty();
    }

    /** The selected entry's state after, pretty-printed; empty when there is none. */
    public ReadOnlyStringProperty afterProperty() {
        return after.getReadOnlyProperty();
    }

    /** How many entries are shown, or the last export's result. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Loads the newest entries matching the filters. */
    public void refresh() {
        String actorFilter = filter(actor.get());
        String actionFilter = filter(action.get());
        String targetFilter = filter(target.get());
        executor.submit(
                "Loading the audit log", () -> audit.recent(actorFilter, actionFilter, targetFilter, LIMIT), loaded -> {
                    AuditEntry current = selected.get();
                    entries.setAll(loaded);
                    if (current != null && !loaded.contains(current)) {
                        selected.set(null);
                    }
                    status.set(
                            loaded.size() >= LIMIT
                                    ? "The newest " + LIMIT + " entries (narrow the filters to see older ones)"
                                    : loaded.size() + (loaded.size() == 1 ? " entry" : " entries"));
                });
    }

    private static String filter(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** The entry's time as shown: the machine's zone, to the second. */
    public String time(Instant at) {
        return at == null ? "" : time.format(at);
    }

    /** Writes the rows shown to this file as CSV (UTF-8, RFC 4180). */
    public void exportCsv(Path file) {
        List<AuditEntry> rows = List.copyOf(entries);
        String text = csv(rows);
        executor.submit(
                "Exporting the audit log",
                () -> Files.writeString(file, text, StandardCharsets.UTF_8),
                written -> status.set(
                        "Exported " + rows.size() + (rows.size() == 1 ? " entry" : " entries") + " to " + written));
    }

    /**
     * The rows as CSV: a header, then one record per entry (time with its offset, actor, action, target,
     * before and after JSON as stored); CRLF line ends, fields quoted when they hold a comma, a quote or a
     * line break.
     */
    public String csv(List<AuditEntry> rows) {
        return Stream.concat(
                                Stream.of(CSV_HEADER),
                                rows.stream()
                                        .map(entry -> Stream.of(
                                                        entry.at() == null ? "" : csvTime.format(entry.at()),
                                                        entry.actor(),
                                                        entry.action(),
                                                        entry.target(),
                                                        entry.before(),
                                                        entry.after())
                                                .map(AuditLogViewModel::csvField)
                                                .collect(Collectors.joining(","))))
                        .collect(Collectors.joining("\r\n"))
                + "\r\n";
    }

    /** One CSV field: as is, or in double quotes (quotes doubled) when it holds a comma, quote or line break. */
    static String csvField(String value) {
        if (value == null) {
            return "";
        }
        boolean quote = value.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    /** Indented JSON; the text as is when it is not JSON; empty for null. */
    static String prettyJson(String json) {
        if (json == null || json.isBlank()) {
            return "";
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json));
        } catch (JacksonException notJson) {
            return json;
        }
    }
}
