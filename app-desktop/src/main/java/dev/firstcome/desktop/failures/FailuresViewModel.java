package dev.firstcome.desktop.failures;

import dev.firstcome.backend.event.EventApi;
import dev.firstcome.backend.infra.web.Operators;
import dev.firstcome.backend.issuance.IssuanceApi;
import dev.firstcome.desktop.ui.UiExecutor;
import dev.firstcome.model.EventView;
import dev.firstcome.model.FailedIssueStatus;
import dev.firstcome.model.FailedIssueView;
import dev.firstcome.model.ReissueReport;
import dev.firstcome.model.ReissueRequest;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Failed coupons: filtered list, reissue selected or all (with dry run), and the result. */
public final class FailuresViewModel {

    private final EventApi events;
    private final IssuanceApi issuance;
    private final UiExecutor executor;
    private final ObservableList<EventView> eventChoices = FXCollections.observableArrayList();
    /** The same read-only view every time: listeners on it must not be collected with a temporary wrapper. */
    private final ObservableList<EventView> eventChoicesView = FXCollections.unmodifiableObservableList(eventChoices);

    private final ObservableList<FailedIssueView> failures = FXCollections.observableArrayList();
    /** The same read-only view every time: listeners on it must not be collected with a temporary wrapper. */
    private final ObservableList<FailedIssueView> failuresView = FXCollections.unmodifiableObservableList(failures);

    private final ObjectProperty<EventView> eventFilter = new SimpleObjectProperty<>();
    private final ObjectProperty<FailedIssueStatus> statusFilter = new SimpleObjectProperty<>(FailedIssueStatus.OPEN);
    private final ReadOnlyObjectWrapper<ReissueReport> lastReport = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");

    public FailuresViewModel(EventApi events, IssuanceApi issuance, UiExecutor executor) {
        this.events = events;
        this.issuance = issuance;
        this.executor = executor;
        eventFilter.addListener((o, was, now) -> refresh());
        statusFilter.addListener((o, was, now) -> refresh());
    }

    public ObservableList<EventView> eventChoices() {
        return eventChoicesView;
    }

    public ObservableList<FailedIssueView> failures() {
        return failuresView;
    }

    /** Null: every event. */
    public ObjectProperty<EventView> eventFilterProperty() {
        return eventFilter;
    }

    /** Null: every status. */
    public ObjectProperty<FailedIssueStatus> statusFilterProperty() {
        return statusFilter;
    }

    public ReadOnlyObjectProperty<ReissueReport> lastReportProperty() {
        return lastReport.getReadOnlyProperty();
    }

    /** The last reissue's result in words. */
    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public void refresh() {
        Long eventId = Optional.ofNullable(eventFilter.get()).map(EventView::id).orElse(null);
        FailedIssueStatus status = statusFilter.get();
        executor.submit("Loading failed coupons", () -> issuance.failedIssues(eventId, status), failures::setAll);
        executor.submit("Loading events", () -> events.list(true), this::showEvents);
    }

    private void showEvents(List<EventView> loaded) {
        EventView current = eventFilter.get();
        eventChoices.setAll(loaded);
        if (current != null) {
            // keep the filter object identical to a choice, without reloading
            loaded.stream()
                    .filter(e -> e.id() == current.id())
                    .findFirst()
                    .filter(e -> !e.equals(current))
                    .ifPresent(eventFilter::set);
        }
    }

    /** Reissues these failures (ids). */
    public void reissueSelected(List<FailedIssueView> selected, boolean dryRun) {
        if (selected.isEmpty()) {
            return;
        }
        List<Long> ids = selected.stream().map(FailedIssueView::id).toList();
        reissue(new ReissueRequest(ids, null, dryRun));
    }

    /** Reissues every open failure of the filtered event, or every open one listed when no event is chosen. */
    public void reissueAll(boolean dryRun) {
        EventView event = eventFilter.get();
        if (event != null) {
            reissue(new ReissueRequest(null, event.id(), dryRun));
        } else {
            List<Long> ids = failures.stream()
                    .filter(f -> f.status() == FailedIssueStatus.OPEN)
                    .map(FailedIssueView::id)
                    .toList();
            if (!ids.isEmpty()) {
                reissue(new ReissueRequest(ids, null, dryRun));
            }
        }
    }

    private void reissue(ReissueRequest request) {
        executor.submit(
                request.dryRun() ? "Dry run of reissue" : "Reissue",
                () -> issuance.reissue(request, Operators.CONSOLE),
                report -> {
                    lastReport.set(report);
                    result.set(describe(report));
                    refresh();
                });
    }

    static String describe(ReissueReport report) {
        if (report.dryRun()) {
            return "Dry run (a test write, rolled back): of " + report.requested() + " requested, "
                    + report.persisted() + " would be persisted, " + report.skipped()
                    + " skipped (already persisted), " + report.stillFailing()
                    + " would still fail (the database refused the test write)";
        }
        return "Reissued: of " + report.requested() + " requested, " + report.persisted() + " persisted, "
                + report.skipped() + " skipped (already persisted), " + report.stillFailing() + " still failing";
    }

    /** "#12 Launch day" for an event id (the id alone while the events are loading). */
    public String eventName(long eventId) {
        return eventChoices.stream()
                .filter(e -> e.id() == eventId)
                .findFirst()
                .map(e -> "#" + e.id() + " " + e.name() + (e.lab() ? " (lab)" : ""))
                .orElse("#" + eventId);
    }

    /** How many open failures "Reissue all" reissues, as listed. */
    public long openListed() {
        return failures.stream()
                .filter(f -> f.status() == FailedIssueStatus.OPEN)
                .count();
    }

    /** Everything about one failure, for the detail pane (the full reason included). */
    public String detail(FailedIssueView f) {
        if (f == null) {
            return "Select a failed coupon to read its full reason.";
        }
        return "Event: " + eventName(f.eventId()) + "\nUser: " + f.userId() + "\nRank: " + f.rank()
                + "\nAdmission: " + f.admissionId() + "\nStatus: " + f.status() + "\nAttempts: " + f.attempts()
                + "\nFirst failure: " + f.firstFailedAt() + "\nLast failure: " + f.lastFailedAt()
                + "\n\nReason:\n" + f.reason();
    }
}
