package dev.firstcome.desktop.rush;

import dev.firstcome.model.WaitingRoom;
import dev.firstcome.model.WaitingRoomMode;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The rush form's waiting-room part: rehearse the launch through a waiting room (each fresh rehearsal
 * event gets one; the virtual users queue, poll at the advised interval and apply with their entry
 * token) or straight to the apply path. A rush on a chosen event goes through that event's own room.
 */
public final class RushRoomForm {

    /** Straight to the apply path. */
    public static final String NONE = "no waiting room";

    public static final List<String> MODES =
            List.of(NONE, WaitingRoomMode.FIFO.name(), WaitingRoomMode.SHUFFLED_PREQUEUE.name());
    /** The event rules' largest outflow. */
    static final int MAX_OUTFLOW = 100_000;

    private final ObjectProperty<String> mode = new SimpleObjectProperty<>(NONE);
    private final StringProperty outflow =
            new SimpleStringProperty(Integer.toString(WaitingRoom.DEFAULT_OUTFLOW_PER_SECOND));

    /** One of {@link #MODES}. */
    public ObjectProperty<String> modeProperty() {
        return mode;
    }

    /** Tickets let in per second. */
    public StringProperty outflowProperty() {
        return outflow;
    }

    boolean on() {
        return mode.get() != null && !NONE.equals(mode.get());
    }

    /** The form's error for this part, or null. */
    String error(int workers, boolean onEvent) {
        if (!on() || onEvent) {
            return null;
        }
        Integer perSecond = FormNumbers.whole(outflow.get());
        if (perSecond == null || perSecond < 1 || perSecond > MAX_OUTFLOW) {
            return "Outflow must be a whole number of tickets per second from 1 to 100,000";
        }
        if (workers > 0) {
            return "A rush through a waiting room runs inside the server: no worker JVMs";
        }
        return null;
    }

    /** The room of each fresh rehearsal event (valid form only); null: none. */
    WaitingRoom room() {
        if (!on()) {
            return null;
        }
        return new WaitingRoom(WaitingRoomMode.valueOf(mode.get()), null, FormNumbers.whole(outflow.get()), null);
    }
}
