package dev.firstcome.model;

/**
 * What the virtual users of a rush saw in the event's waiting room: {@code joined} tickets taken,
 * {@code letIn} users whose turn came (each then applied with its entry token), {@code soldOut} and
 * {@code closed} users the queue turned away without an apply, {@code polls} queue polls sent at the
 * advised interval, and {@code waited}: the time from joining to the turn, per user let in.
 */
public record RushQueueSummary(long joined, long letIn, long soldOut, long closed, long polls, LatencySummary waited) {}
