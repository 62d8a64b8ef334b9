package dev.firstcome.backend.admission;

import dev.firstcome.model.EventView;
import java.util.List;

/**
 * What the rebuild after a Redis loss needs of the events: the list, and writing an event's meta hash from
 * the database under its row lock. A port the event feature implements (its {@code EventApi} extends it),
 * so admission never depends on the event feature.
 */
public interface EventCatalog {

    /** All events, newest first; lab events included when {@code includeLab}. */
    List<EventView> list(boolean includeLab);

    /**
     * After a rebuild of the event's Redis admission state: writes its meta hash (limits, paused,
     * closed) from the event as the database holds it, under the event's row lock and a new version
     * (so no edit interleaves and no earlier edit's late write applies). Then the event admits again.
     */
    void restoreAdmissionMeta(long eventId);
}
