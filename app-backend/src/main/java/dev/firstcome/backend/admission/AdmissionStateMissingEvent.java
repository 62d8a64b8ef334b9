package dev.firstcome.backend.admission;

/**
 * Spring application event: an apply found the event's Redis state missing (Redis restarted empty).
 * The issuance side rebuilds it from the database once the consumer has drained.
 */
public record AdmissionStateMissingEvent(long eventId) {}
