package dev.firstcome.backend.waitingroom;

import java.time.Instant;

/** 409: the event has no waiting room, or its pre-queue does not accept visitors yet ({@code opensAt}). */
public class QueueNotOpenException extends RuntimeException {

    private final long eventId;
    private final Instant opensAt;

    QueueNotOpenException(long eventId, Instant opensAt, String message) {
        super(message);
        this.eventId = eventId;
        this.opensAt = opensAt;
    }

    public long eventId() {
        return eventId;
    }

    /** When visitors may join, or null when the event has no waiting room. */
    public Instant opensAt() {
        return opensAt;
    }
}
