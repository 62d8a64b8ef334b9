package dev.firstcome.model;

import java.time.Instant;

/**
 * A visitor's place in an event's waiting room. {@code position} is 1 for the next one to be let in
 * (null while the shuffled pre-queue has no order yet, and once the turn came); {@code etaSeconds} comes
 * from the measured outflow (null when unknown, e.g. paused); {@code pollAfterMillis} is when to ask
 * again. {@code entryToken} (with its expiry) is set only for {@link QueueStatus#YOUR_TURN}: send it as
 * the {@code Entry-Token} header of the apply. {@code reason} explains SOLD_OUT and CLOSED.
 */
public record QueueTicket(
        String ticketId,
        long eventId,
        String userId,
        QueueStatus status,
        Long position,
        Long etaSeconds,
        long waitingAhead,
        long pollAfterMillis,
        String entryToken,
        Instant entryTokenExpiresAt,
        Instant opensAt,
        String reason) {}
