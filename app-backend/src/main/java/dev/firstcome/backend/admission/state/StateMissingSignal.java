package dev.firstcome.backend.admission.state;

import dev.firstcome.backend.admission.AdmissionStateMissingEvent;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Asks once for the rebuild of an event whose Redis state is missing ({@link AdmissionStateMissingEvent}),
 * however many applies and edits find it missing meanwhile; asks again once the state was seen again.
 */
@Component
public class StateMissingSignal {

    private final Set<Long> announced = ConcurrentHashMap.newKeySet();
    private final ApplicationEventPublisher events;

    StateMissingSignal(ApplicationEventPublisher events) {
        this.events = events;
    }

    /** Requests a rebuild of the event's state unless one was requested since the state was last seen. */
    public void announce(long eventId) {
        if (announced.add(eventId)) {
            events.publishEvent(new AdmissionStateMissingEvent(eventId));
        }
    }

    /** The event's state was seen (an apply was decided, or its meta hash was restored). */
    public void clear(long eventId) {
        announced.remove(eventId);
    }
}
