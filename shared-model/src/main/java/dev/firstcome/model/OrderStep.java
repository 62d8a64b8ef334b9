package dev.firstcome.model;

import java.time.Instant;

/** One step of an order's history: the state it reached, when, and a note (a failure's reason, a refund). */
public record OrderStep(OrderState state, Instant at, String note) {}
