package dev.firstcome.model;

/** What an apply answered. Only {@link #ISSUED} means a coupon will be persisted. */
public enum ApplyOutcome {
    ISSUED,
    ALREADY_APPLIED,
    SOLD_OUT,
    DAILY_SOLD_OUT,
    NOT_OPEN,
    ENDED,
    PAUSED,
    CLOSED;

    public boolean issued() {
        return this == ISSUED;
    }
}
