package dev.firstcome.model;

/** Burrow-like evaluation of the lag trend. */
public enum LagStatus {
    OK,
    LAGGING,
    STALLED
}
