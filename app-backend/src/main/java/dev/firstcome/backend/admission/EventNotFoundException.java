package dev.firstcome.backend.admission;

/** No event with that id: HTTP 404. */
public class EventNotFoundException extends RuntimeException {

    private final long eventId;

    public EventNotFoundException(long eventId) {
        super("No event with id " + eventId);
        this.eventId = eventId;
    }

    public long eventId() {
        return eventId;
    }
}
