package dev.firstcome.model;

import java.time.Instant;

/**
 * One operator action: who ({@code actor}: a token's name and role, {@code console}, or {@code system}),
 * what ({@code action}, e.g. {@code event.update}), on what ({@code target}, e.g. {@code event:42}), and the
 * state before and after as JSON (null when there is none, e.g. before a creation).
 */
public record AuditEntry(
        long id, Instant at, String actor, String action, String target, String before, String after) {}
