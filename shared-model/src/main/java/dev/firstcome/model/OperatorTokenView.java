package dev.firstcome.model;

import java.time.Instant;

/** An operator token as listed: never the token itself (only its hash is stored). */
public record OperatorTokenView(
        long id,
        String name,
        OperatorRole role,
        Instant createdAt,
        String createdBy,
        Instant revokedAt,
        String revokedBy) {

    public boolean active() {
        return revokedAt == null;
    }
}
