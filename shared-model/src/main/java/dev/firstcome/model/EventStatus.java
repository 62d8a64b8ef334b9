package dev.firstcome.model;

/** Lifecycle of a coupon event. PAUSED is the kill switch; CLOSED is final. */
public enum EventStatus {
    ACTIVE,
    PAUSED,
    CLOSED
}
