package dev.firstcome.backend.waitingroom;

import java.time.Instant;

/** 409: the seed of a shuffled pre-queue is published only once the event has ended. */
public class AuditNotPublishedException extends RuntimeException {

    private final Instant publishedAt;

    AuditNotPublishedException(long eventId, Instant publishedAt) {
        super("The queue audit of event " + eventId + " is published once the event ends (" + publishedAt + ")");
        this.publishedAt = publishedAt;
    }

    public Instant publishedAt() {
        return publishedAt;
    }
}
