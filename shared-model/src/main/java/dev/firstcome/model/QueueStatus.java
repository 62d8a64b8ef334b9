package dev.firstcome.model;

/**
 * Where a waiting-room ticket stands: before the opening ({@link #PREQUEUE}), in line ({@link #WAITING}),
 * let in with an entry token ({@link #YOUR_TURN}), the event sold out ({@link #SOLD_OUT}), or the queue
 * over for this ticket ({@link #CLOSED}: the event ended or closed, or the ticket's turn expired).
 */
public enum QueueStatus {
    PREQUEUE,
    WAITING,
    YOUR_TURN,
    SOLD_OUT,
    CLOSED
}
