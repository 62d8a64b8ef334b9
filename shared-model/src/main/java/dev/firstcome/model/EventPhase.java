package dev.firstcome.model;

/**
 * Where an event stands for a customer right now, in the order the apply path decides it. DRAFT is
 * reserved for events not yet published (FirstCome publishes every event it creates, so no event is
 * in it today).
 */
public enum EventPhase {
    DRAFT,
    OPENS_IN,
    OPEN,
    DAILY_SOLD_OUT,
    SOLD_OUT,
    PAUSED,
    ENDED,
    CLOSED,
    REBUILDING;

    /** The words operators read: "OPENS IN", "DAILY SOLD OUT". */
    public String words() {
        return name().replace('_', ' ');
    }
}
