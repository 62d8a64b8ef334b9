package dev.firstcome.desktop.testing;

import dev.firstcome.backend.monitor.MonitorApi;
import dev.firstcome.model.EventStats;
import dev.firstcome.model.GroupLag;
import dev.firstcome.model.HealReport;
import dev.firstcome.model.LagStatus;
import dev.firstcome.model.PartitionLag;
import dev.firstcome.model.PipelineStatus;
import dev.firstcome.model.ReconcileReport;
import java.util.List;

/** Figures set by the test. */
public final class FakeMonitorApi implements MonitorApi {

    private volatile EventStats stats;
    private volatile PipelineStatus pipeline = new PipelineStatus(
            "group",
            "topic",
            0,
            0,
            0,
            LagStatus.OK,
            List.of(new PartitionLag("topic", 0, 0, 0, 0)),
            List.of(new GroupLag("group", "issuance", "topic", 0)),
            0);
    private volatile ReconcileReport reconcile;
    private volatile int heals;
    private volatile String reconcileFailure;

    public void failReconcileWith(String message) {
        reconcileFailure = message;
    }

    private volatile java.util.Map<String, Long> applyOutcomes = java.util.Map.of();

    public void setApplyOutcomes(java.util.Map<String, Long> value) {
        applyOutcomes = value;
    }

    @Override
    public java.util.Map<String, Long> applyOutcomes() {
        return applyOutcomes;
    }

    private volatile dev.firstcome.model.OutboxStatus outbox =
            new dev.firstcome.model.OutboxStatus(0, null, java.util.Map.of());

    public void setOutbox(dev.firstcome.model.OutboxStatus value) {
        outbox = value;
    }

    @Override
    public dev.firstcome.model.OutboxStatus outbox() {
        return outbox;
    }

    public void setStats(EventStats value) {
        stats = value;
    }

    public void setPipeline(PipelineStatus value) {
        pipeline = value;
    }

    public void setReconcile(ReconcileReport value) {
        reconcile = value;
    }

    public int heals() {
        return heals;
    }

    @Override
    public EventStats stats(long eventId) {
        EventStats value = stats;
        return value != null && value.eventId() == eventId
                ? value
                : new EventStats(eventId, 0, 0, 0, null, 0, 0, 0, 0, 0);
    }

    @Override
    public PipelineStatus pipeline() {
        return pipeline;
    }

    @Override
    public ReconcileReport reconcile(long eventId) {
        if (reconcileFailure != null) {
            throw new IllegalStateException(reconcileFailure);
        }
        return reconcile;
    }

    @Override
    public HealReport heal(long eventId) {
        heals++;
        return new HealReport(eventId, 1, 0);
    }
}
