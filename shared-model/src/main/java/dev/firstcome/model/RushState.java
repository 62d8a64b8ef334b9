package dev.firstcome.model;

/** Where a rush is. {@code COMPLETED}, {@code CANCELLED} and {@code FAILED} are final. */
public enum RushState {
    PENDING,
    RUNNING,
    DRAINING,
    COMPLETED,
    CANCELLED,
    FAILED;

    public boolean finished() {
        return this == COMPLETED || this == CANCELLED || this == FAILED;
    }
}
