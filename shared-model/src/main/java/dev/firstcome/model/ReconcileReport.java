package dev.firstcome.model;

import java.util.List;

/**
 * Redis versus the database for one event. {@code lost = admitted - persisted - inFlight - failedOpen}
 * must be 0 once the lag is 0; {@code unknownToRedis} counts persisted users Redis does not know
 * (Redis lost state). Samples list at most a few user ids of each kind.
 */
public record ReconcileReport(
        long eventId,
        long admitted,
        long persisted,
        long inFlight,
        long failedOpen,
        long lost,
        long unknownToRedis,
        long consumerLag,
        boolean drained,
        List<String> missingSample,
        List<String> unknownSample) {}
