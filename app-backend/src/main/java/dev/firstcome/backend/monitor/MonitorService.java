package dev.firstcome.backend.monitor;

import dev.firstcome.backend.admission.AdmissionApi;
import dev.firstcome.backend.admission.AdmissionStateApi;
import dev.firstcome.backend.admission.EventNotFoundException;
import dev.firstcome.backend.audit.AuditApi;
import dev.firstcome.backend.event.EventApi;
import dev.firstcome.backend.infra.FirstComeNames;
import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.backend.issuance.IssuanceApi;
import dev.firstcome.model.AdmissionCounts;
import dev.firstcome.model.CouponAdmitted;
import dev.firstcome.model.EventStats;
import dev.firstcome.model.HealReport;
import dev.firstcome.model.LagStatus;
import dev.firstcome.model.OutboxStatus;
import dev.firstcome.model.PipelineStatus;
import dev.firstcome.model.ReconcileReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Figures for the console and the admin API.
 *
 * <p>Lag is in records; {@code lagSeconds} is never negative: 0 without lag, the lag divided by the
 * persist rate of the last {@code firstcome.monitor.window}, or when nothing was persisted in it, how
 * long the backlog has been waiting. The pipeline is LAGGING only while {@code lagSeconds} is above
 * {@code firstcome.monitor.lag-threshold} (5 s), STALLED when a partition's offset did not move for a
 * whole window. When Kafka does not answer, stats report {@code consumerLag = -1} (unknown) and
 * {@code lagSeconds = 0}; pipeline, reconcile and heal throw {@link MonitorUnavailableException}
 * (HTTP 503).
 */
@Service
class MonitorService implements MonitorApi {

    private static final Logger log = LoggerFactory.getLogger(MonitorService.class);

    private final AdmissionStateApi admission;
    private final IssuanceApi issuance;
    private final EventApi events;
    private final KafkaLagProbe lagProbe;
    private final PersistRateSampler sampler;
    private final FirstComeNames names;
    private final Duration healDrainWait;
    private final AuditApi audit;
    private final double lagThresholdSeconds;
    private final OutboxBacklog outbox;
    private final AdmissionApi applies;
    private final Duration settleAfter;
    private final Clock clock;

    MonitorService(
            AdmissionStateApi admission,
            AdmissionApi applies,
            RepairProperties repair,
            Clock clock,
            IssuanceApi issuance,
            EventApi events,
            KafkaLagProbe lagProbe,
            PersistRateSampler sampler,
            FirstComeNames names,
            FirstComeProperties properties,
            AuditApi audit,
            OutboxBacklog outbox) {
        this.outbox = outbox;
        this.admission = admission;
        this.applies = applies;
        this.settleAfter = repair.after();
        this.clock = clock;
        this.issuance = issuance;
        this.events = events;
        this.lagProbe = lagProbe;
        this.sampler = sampler;
        this.names = names;
        this.healDrainWait = properties.monitor().healDrainWait();
        this.audit = audit;
        this.lagThresholdSeconds = properties.monitor().lagThreshold().toNanos() / 1e9;
    }

    @Override
    public OutboxStatus outbox() {
        return outbox.status();
    }

    @Override
    public EventStats stats(long eventId) {
        requireEvent(eventId);
        AdmissionCounts counts = admission.counts(eventId);
        long lag;
        try {
            lag = lagProbe.admitted().totalLag();
        } catch (MonitorUnavailableException e) {
            lag = -1;
        }
        double rate = sampler.persistRatePerSecond();
        double lagSeconds = lag <= 0 ? 0 : secondsBehind(lag, rate);
        return new EventStats(
                eventId,
                counts.admitted(),
                counts.admittedToday(),
                counts.remaining(),
                counts.remainingToday(),
                issuance.persistedCount(eventId),
                issuance.failedOpenCount(eventId),
                lag,
                lagSeconds,
                rate);
    }

    @Override
    public PipelineStatus pipeline() {
        LagSnapshot snapshot = lagProbe.admitted();
        long lag = snapshot.totalLag();
        double rate = sampler.persistRatePerSecond();
        double seconds = lag <= 0 ? 0 : secondsBehind(lag, rate);
        return new PipelineStatus(
                names.consumerGroup(),
                names.admittedTopic(),
                lag,
                rate,
                seconds,
                status(lag, seconds, sampler.lagStatus(), lagThresholdSeconds),
                snapshot.partitions(),
                lagProbe.groups(),
                deadLetterRecords());
    }

    /** How many records the dead-letter topic holds (-1 when Kafka does not answer). */
    private long deadLetterRecords() {
        try {
            return lagProbe.deadLetters().records();
        } catch (MonitorUnavailableException e) {
            return -1;
        }
    }

    /** OK without lag; STALLED as the trend says; LAGGING only above the threshold; else OK. */
    static LagStatus status(long lag, double secondsBehind, LagStatus trend, double thresholdSeconds) {
        if (lag <= 0) {
            return LagStatus.OK;
        }
        if (trend == LagStatus.STALLED) {
            return LagStatus.STALLED;
        }
        return secondsBehind > thresholdSeconds ? LagStatus.LAGGING : LagStatus.OK;
    }

    /** The backlog at the measured persist rate, or when nothing persisted lately, how long it has waited. */
    private double secondsBehind(long lag, double rate) {
        double drain = RateWindow.secondsToDrain(lag, rate);
        return drain >= 0 ? drain : sampler.backlogSeconds();
    }

    @Override
    public java.util.Map<String, Long> applyOutcomes() {
        return sampler.applyOutcomes();
    }

    @Override
    public ReconcileReport reconcile(long eventId) {
        requireEvent(eventId);
        return compare(eventId).report();
    }

    @Override
    public HealReport heal(long eventId) {
        HealReport report = healNow(eventId);
        audit.record("event.heal", "event:" + eventId, null, report);
        return report;
    }

    private HealReport healNow(long eventId) {
        requireEvent(eventId);
        long backlog = lagProbe.awaitDrained(healDrainWait);
        if (backlog > 0) {
            throw new PipelineNotDrainedException(eventId, backlog);
        }
        if (!admission.stateLoaded(eventId)) {
            int restored = admission.rebuildNow(eventId, Duration.ofSeconds(60));
            return new HealReport(eventId, 0, restored);
        }
        Reconciliation reconciliation = compare(eventId);
        int republished = 0;
        for (CouponAdmitted lost : reconciliation.settled()) {
            if (admission.republishOnce(lost, settleAfter)) {
                republished++;
            }
        }
        int restored = reconciliation.unknownToRedis().isEmpty()
                ? 0
                : admission.restoreUsers(eventId, reconciliation.unknownToRedis());
        log.info(
                "Healed event {}: {} admission(s) republished, {} user(s) restored into Redis",
                eventId,
                republished,
                restored);
        return new HealReport(eventId, republished, restored);
    }

    /**
     * Reads the lag before and after Redis and the database, and uses the larger backlog: a record
     * consumed between the reads is then still counted in flight rather than lost. Admissions younger
     * than {@code firstcome.repair.after}, and those this server is undoing, are in flight.
     */
    private Reconciliation compare(long eventId) {
        Instant settledBefore = clock.instant().minus(settleAfter);
        long before = lagProbe.freshBacklog();
        Map<String, CouponAdmitted> admitted = admission.admitted(eventId);
        List<CouponAdmitted> failedOpen = issuance.failedOpenAdmissions(eventId);
        List<CouponAdmitted> persisted = issuance.persistedAdmissions(eventId);
        long after = lagProbe.freshBacklog();
        long consumerLag = lagProbe.admitted().totalLag();
        long backlog = Math.max(before, after);
        return Reconciliation.of(
                eventId,
                admitted,
                persisted,
                failedOpen,
                consumerLag,
                backlog,
                settledBefore,
                applies.undoing(eventId));
    }

    private void requireEvent(long eventId) {
        if (events.find(eventId).isEmpty()) {
            throw new EventNotFoundException(eventId);
        }
    }
}
