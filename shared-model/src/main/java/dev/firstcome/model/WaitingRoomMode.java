package dev.firstcome.model;

/**
 * Whether an event has a waiting room in front of its apply path, and how its queue is ordered:
 * {@link #SHUFFLED_PREQUEUE} shuffles everyone who arrived before the opening (then arrival order),
 * {@link #FIFO} keeps arrival order throughout.
 */
public enum WaitingRoomMode {
    OFF,
    SHUFFLED_PREQUEUE,
    FIFO
}
