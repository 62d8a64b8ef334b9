package dev.firstcome.backend.event;

/** The event's status forbids the action (e.g. resuming a closed event): HTTP 409. */
public class EventStateConflictException extends RuntimeException {

    public EventStateConflictException(String message) {
        super(message);
    }
}
