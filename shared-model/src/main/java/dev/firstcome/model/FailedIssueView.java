package dev.firstcome.model;

import java.time.Instant;

/** An admission that could not be persisted after the configured retries. */
public record FailedIssueView(
        long id,
        long eventId,
        String userId,
        long rank,
        long admissionId,
        String reason,
        int attempts,
        Instant firstFailedAt,
        Instant lastFailedAt,
        FailedIssueStatus status) {}
