package dev.firstcome.model;

import java.time.Instant;

/**
 * A readiness warm-up: a synthetic rush of {@code users} users on a fresh lab event through the real
 * HTTP path, started now or at {@code runAt} (e.g. some minutes before an event opens). {@code
 * rushId} is set once it started.
 */
public record WarmupPlan(String id, Long forEventId, Instant runAt, int users, int concurrency, String rushId) {}
