package dev.firstcome.model;

import java.time.Instant;
import java.util.Map;

/**
 * The transactional outbox's backlog: events committed to the event publication registry (ledger entries, order
 * steps) whose sending to Kafka has not completed, in all ({@code unsent}) and per event type (simple name),
 * and when the oldest of them was published (null: none). A backlog that grows means the flow downstream waits
 * for the outbox, not for its consumers (their lag stays low).
 */
public record OutboxStatus(long unsent, Instant oldestPublishedAt, Map<String, Long> byType) {}
