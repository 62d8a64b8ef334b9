package dev.firstcome.backend.monitor;

import dev.firstcome.model.EventStats;
import dev.firstcome.model.HealReport;
import dev.firstcome.model.PipelineStatus;
import dev.firstcome.model.ReconcileReport;

/** Live figures for the console and the admin API: stats, consumer lag, reconcile and heal. */
public interface MonitorApi {

    /** Redis counters plus persisted, failed-open, consumer lag, lag seconds and persist rate. */
    EventStats stats(long eventId);

    /** Per-partition lag of the issuance consumer group, persist rate and a Burrow-like status. */
    PipelineStatus pipeline();

    ReconcileReport reconcile(long eventId);

    /** Republishes admissions missing beyond the lag and restores Redis from the database. */
    HealReport heal(long eventId);
}
