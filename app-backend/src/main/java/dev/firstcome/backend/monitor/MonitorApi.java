package dev.firstcome.backend.monitor;

import dev.firstcome.model.EventStats;
import dev.firstcome.model.HealReport;
import dev.firstcome.model.OutboxStatus;
import dev.firstcome.model.PipelineStatus;
import dev.firstcome.model.ReconcileReport;

/** Live figures for the console and the admin API: stats, consumer lag, reconcile and heal. */
public interface MonitorApi {

    /** Redis counters plus persisted, failed-open, consumer lag, lag seconds and persist rate. */
    EventStats stats(long eventId);

    /** Per-partition lag of the issuance consumer group, persist rate and a Burrow-like status. */
    PipelineStatus pipeline();

    ReconcileReport reconcile(long eventId);

    /** The transactional outbox's unsent events (ledger entries, order steps), per type. */
    OutboxStatus outbox();

    /**
     * Applies answered by this server since it started, by outcome (ISSUED, SOLD_OUT, DAILY_SOLD_OUT,
     * ALREADY_APPLIED, NOT_OPEN, ENDED, PAUSED, CLOSED, UNAVAILABLE for a 503), from the
     * {@code firstcome.apply} counters: the console turns their deltas into requests per second.
     */
    default java.util.Map<String, Long> applyOutcomes() {
        return java.util.Map.of();
    }

    /** Republishes admissions missing beyond the lag and restores Redis from the database. */
    HealReport heal(long eventId);
}
