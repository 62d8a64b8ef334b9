package dev.firstcome.desktop.room;

import dev.firstcome.backend.event.EventApi;
import dev.firstcome.backend.waitingroom.WaitingRoomApi;
import dev.firstcome.desktop.ui.UiExecutor;
import dev.firstcome.model.EventView;
import dev.firstcome.model.QueueStats;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The waiting room of one event, for operators: waiting now, let in per second (configured and measured),
 * tickets issued, time to drain, pause/resume, change the outflow, and the shuffle's seed once the event
 * ended. The events offered are those whose room is on.
 */
public final class WaitingRoomViewModel {

    private final EventApi events;
    private final WaitingRoomApi rooms;
    private final UiExecutor executor;
    private final ObservableList<EventView> choices = FXCollections.observableArrayList();
    private final ObservableList<EventView> choicesView = FXCollections.unmodifiableObservableList(choices);
    private final ObjectProperty<EventView> event = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<QueueStats> stats = new ReadOnlyObjectWrapper<>();
    private final IntegerProperty outflow = new SimpleIntegerProperty(100);

    public WaitingRoomViewModel(EventApi events, WaitingRoomApi rooms, UiExecutor executor) {
        this.events = events;
        this.rooms = rooms;
        this.executor = executor;
        event.addListener((o, was, now) -> {
            stats.set(null);
            if (now != null) {
                outflow.set(now.room().outflowPerSecond());
                refreshStats();
            }
        });
    }

    public ObservableList<EventView> choices() {
        return choicesView;
    }

    public ObjectProperty<EventView> eventProperty() {
        return event;
    }

    /** The selected room's figures (null before the first answer). */
    public ReadOnlyObjectProperty<QueueStats> statsProperty() {
        return stats.getReadOnlyProperty();
    }

    /** The outflow to set with {@link #applyOutflow()}. */
    public IntegerProperty outflowProperty() {
        return outflow;
    }

    /** Reloads the events with a room, and the selected room's figures. */
    public void refresh() {
        executor.submit("Loading waiting rooms", () -> rooms(events.list(true)), this::showChoices);
        refreshStats();
    }

    public void refreshStats() {
        EventView current = event.get();
        if (current != null) {
            executor.submit("Reading the waiting room", () -> rooms.stats(current.id()), stats::set);
        }
    }

    public void pause() {
        withEvent("Pausing the queue", id -> rooms.pause(id));
    }

    public void resume() {
        withEvent("Resuming the queue", id -> rooms.resume(id));
    }

    public void applyOutflow() {
        int perSecond = outflow.get();
        withEvent("Changing the outflow", id -> rooms.outflow(id, perSecond));
    }

    /** "12 min 5 s", "unknown" for null. */
    public static String duration(Long seconds) {
        if (seconds == null) {
            return "unknown";
        }
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }

    private void withEvent(String action, java.util.function.LongFunction<QueueStats> call) {
        EventView current = event.get();
        if (current != null) {
            executor.submit(action, () -> call.apply(current.id()), stats::set);
        }
    }

    private void showChoices(List<EventView> loaded) {
        EventView current = event.get();
        choices.setAll(loaded);
        if (current == null && !loaded.isEmpty()) {
            event.set(loaded.getFirst());
        } else if (current != null) {
            loaded.stream()
                    .filter(e -> e.id() == current.id())
                    .findFirst()
                    .filter(e -> !e.equals(current))
                    .ifPresent(event::set);
        }
    }

    private static List<EventView> rooms(List<EventView> all) {
        return all.stream().filter(e -> e.room().on()).toList();
    }
}
