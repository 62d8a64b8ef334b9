package dev.firstcome.desktop.events;

import dev.firstcome.backend.admission.AdmissionStateApi;
import dev.firstcome.backend.event.EventApi;
import dev.firstcome.desktop.ui.UiExecutor;
import dev.firstcome.model.AdmissionCounts;
import dev.firstcome.model.EventState;
import dev.firstcome.model.EventStatus;
import dev.firstcome.model.EventView;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The events table with live counters, and the operator's commands on the selected event. */
public final class EventsViewModel {

    private final EventApi events;
    private final AdmissionStateApi admission;
    private final UiExecutor executor;
    private final Clock clock;
    private final ObservableList<EventRow> rows = FXCollections.observableArrayList();
    /** The same read-only view every time: listeners on it must not be collected with a temporary wrapper. */
    private final ObservableList<EventRow> rowsView = FXCollections.unmodifiableObservableList(rows);

    private final ObjectProperty<EventRow> selected = new SimpleObjectProperty<>();
    private final BooleanProperty includeLab = new SimpleBooleanProperty(false);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private boolean reloadRequested;

    public EventsViewModel(EventApi events, AdmissionStateApi admission, UiExecutor executor, Clock clock) {
        this.events = events;
        this.admission = admission;
        this.executor = executor;
        this.clock = clock;
        includeLab.addListener((o, was, now) -> refresh());
    }

    public ObservableList<EventRow> rows() {
        return rowsView;
    }

    /** The selected row (the table binds it). */
    public ObjectProperty<EventRow> selectedProperty() {
        return selected;
    }

    public BooleanProperty includeLabProperty() {
        return includeLab;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** The last action's outcome, e.g. "Paused Launch day". */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public Optional<EventView> selectedEvent() {
        return Optional.ofNullable(selected.get()).map(EventRow::event);
    }

    /** Reloads the events and their counters (one backend round per event). */
    public void refresh() {
        if (loading.get()) {
            reloadRequested = true;
            return;
        }
        loading.set(true);
        boolean lab = includeLab.get();
        executor.submit("Loading events", () -> load(lab), this::show, failure -> {
            loading.set(false);
            reloadRequested = false;
        });
    }

    private List<EventRow> load(boolean lab) {
        List<EventRow> loaded = new ArrayList<>();
        for (EventView event : events.list(lab)) {
            AdmissionCounts counts;
            try {
                counts = admission.counts(event.id());
            } catch (RuntimeException e) {
                counts = null; // Redis down or state being rebuilt: the row shows "?"
            }
            EventState state;
            try {
                state = admission.state(event.id());
            } catch (RuntimeException e) {
                state = null; // the row shows the stored status
            }
            loaded.add(new EventRow(event, counts, state));
        }
        return loaded;
    }

    private void show(List<EventRow> loaded) {
        loading.set(false);
        Long selectedId = selected.get() == null ? null : selected.get().id();
        rows.setAll(loaded);
        if (selectedId != null) {
            loaded.stream().filter(r -> r.id() == selectedId).findFirst().ifPresent(selected::set);
        }
        if (reloadRequested) {
            reloadRequested = false;
            refresh();
        }
    }

    public EventFormViewModel newForm() {
        return EventFormViewModel.forNew(events, executor, clock);
    }

    public Optional<EventFormViewModel> editForm() {
        return selectedEvent().map(event -> EventFormViewModel.forEdit(events, executor, event));
    }

    /** After the form saved: select the saved event and reload. */
    public void saved(EventView event) {
        status.set("Saved " + event.name());
        selected.set(new EventRow(event, null));
        refresh();
    }

    /** Shows a changed event at once (its status decides what the buttons do), before the reload. */
    private void replace(EventView changed) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).id() == changed.id()) {
                EventRow row = new EventRow(changed, rows.get(i).counts(), null);
                rows.set(i, row);
                if (selected.get() != null && selected.get().id() == changed.id()) {
                    selected.set(row);
                }
            }
        }
    }

    /** Pauses an active event or resumes a paused one (the kill switch). */
    public void togglePause() {
        selectedEvent().filter(e -> e.status() != EventStatus.CLOSED).ifPresent(event -> {
            boolean pause = event.status() == EventStatus.ACTIVE;
            executor.submit(
                    (pause ? "Pausing " : "Resuming ") + event.name(),
                    () -> pause ? events.pause(event.id()) : events.resume(event.id()),
                    changed -> {
                        status.set((pause ? "Paused " : "Resumed ") + changed.name());
                        replace(changed);
                        refresh();
                    });
        });
    }

    /** Closes the selected event for good (the view confirms first). */
    public void closeSelected() {
        selectedEvent()
                .filter(e -> e.status() != EventStatus.CLOSED)
                .ifPresent(event ->
                        executor.submit("Closing " + event.name(), () -> events.close(event.id()), closed -> {
                            status.set("Closed " + closed.name());
                            refresh();
                        }));
    }
}
