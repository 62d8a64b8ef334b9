package dev.firstcome.backend.infra.web;

import java.time.Instant;

/**
 * The instants FirstCome accepts as input: from 2000-01-01T00:00:00Z to 9999-01-01T00:00:00Z. The upper
 * bound keeps a year of margin below what MariaDB/MySQL {@code DATETIME(6)} holds (up to
 * 9999-12-31, in the session's zone) and is far inside PostgreSQL's {@code TIMESTAMPTZ} (up to
 * 294276 AD); the lower bound refuses the 1970 instants a stray epoch number would give.
 */
public final class InstantRange {

    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-01-01T00:00:00Z");

    private InstantRange() {}

    public static boolean contains(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    /** "{field} must be an ISO-8601 instant between ... and ..., e.g. 2030-01-01T09:00:00Z". */
    public static String rule(String field) {
        return field + " must be an ISO-8601 instant between " + EARLIEST + " and " + LATEST
                + ", e.g. 2030-01-01T09:00:00Z";
    }
}
