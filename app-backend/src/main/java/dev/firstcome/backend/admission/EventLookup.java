package dev.firstcome.backend.admission;

import dev.firstcome.model.EventView;
import java.util.Optional;

/**
 * Where the apply path finds event metadata: a local cache, never the database on the hot path.
 * Implemented by the event feature.
 */
public interface EventLookup {

    Optional<EventView> find(long eventId);
}
