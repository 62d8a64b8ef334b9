package dev.firstcome.model;

/**
 * How many answers of one kind a rush got. Kinds: the {@link ApplyOutcome} names (201 ISSUED, 409
 * refusals by their {@code outcome}), {@code UNAVAILABLE} (503), {@code HTTP_<status>} (any other
 * status), {@code TIMEOUT} and {@code ERROR} (no answer).
 */
public record OutcomeCount(String outcome, long count) {}
