package dev.firstcome.model;

import java.time.Instant;
import java.util.List;

/**
 * Everything a finished (or cancelled, or failed) rush produced: one report per run (one per
 * strategy, or one for an existing event) and the comparison table of those runs. {@code error} is
 * set when it FAILED.
 */
public record RushResult(
        String rushId,
        RushState state,
        RushRequest request,
        List<RushReport> reports,
        StrategyComparison comparison,
        String error,
        Instant startedAt,
        Instant finishedAt) {}
