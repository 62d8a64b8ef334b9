package dev.firstcome.backend.monitor;

import dev.firstcome.backend.admission.AdmissionApi;
import dev.firstcome.backend.admission.AdmissionStateApi;
import dev.firstcome.backend.event.EventApi;
import dev.firstcome.backend.infra.DatabaseLock;
import dev.firstcome.backend.infra.FirstComeNames;
import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.backend.issuance.IssuanceApi;
import dev.firstcome.model.CouponAdmitted;
import dev.firstcome.model.EventView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Republishes the admissions Kafka never got, without an operator: a server that died between the
 * admission script and the Kafka send leaves its user in Redis's {@code applied} hash (a retry answers
 * ALREADY_APPLIED) with no record on its way to the database.
 *
 * <p>Every {@code firstcome.repair.interval} (the first time {@code first-delay} after the start), one
 * server of the deployment (a {@link DatabaseLock}, dropped with the connection of a server that dies)
 * looks at every event: an admission older than {@code firstcome.repair.after} (no apply can still be
 * waiting for its ack or undoing it by then) that is neither a coupon row, nor an OPEN failed issue, nor a
 * record in the backlog of the admitted or dead-letter topic ({@link UnpersistedRecords}), nor being undone
 * on this server, is republished with its original id and rank ({@link AdmissionStateApi#republishOnce}:
 * claimed in Redis first, so that two repairs, or a repair and heal, never republish it twice and a late
 * undo keeps it). The reads go Redis, Kafka, database: a record the consumers persist meanwhile is seen
 * in the backlog or in the rows. Should a republished record have reached Kafka after all, the
 * database's key on (event, user) persists it once.
 *
 * <p>An event is read in full only when its admitted count exceeds its rows and failed issues, so a
 * quiet deployment costs two counts per event and one Redis read. Repaired admissions are counted in
 * {@code firstcome.admissions.repaired}.
 */
@Component
class LostAdmissionRepair implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(LostAdmissionRepair.class);
    private static final Comparator<CouponAdmitted> BY_ADMISSION =
            Comparator.comparingLong(CouponAdmitted::admissionId);

    private final EventApi events;
    private final AdmissionStateApi admission;
    private final AdmissionApi applies;
    private final IssuanceApi issuance;
    private final UnpersistedRecords kafka;
    private final DatabaseLock lock;
    private final String lockName;
    private final RepairProperties settings;
    private final Clock clock;
    private final Counter repaired;

    LostAdmissionRepair(
            EventApi events,
            AdmissionStateApi admission,
            AdmissionApi applies,
            IssuanceApi issuance,
            UnpersistedRecords kafka,
            DatabaseLock lock,
            FirstComeNames names,
            RepairProperties settings,
            FirstComeProperties properties,
            Clock clock,
            MeterRegistry meters) {
        this.events = events;
        this.admission = admission;
        this.applies = applies;
        this.issuance = issuance;
        this.kafka = kafka;
        this.lock = lock;
        this.settings = settings;
        this.clock = clock;
        String name = "fc-repair:" + names.keyPrefix();
        this.lockName = name.length() <= 64 ? name : "fc-repair:" + Integer.toHexString(name.hashCode());
        this.repaired = Counter.builder("firstcome.admissions.repaired")
                .description("Admissions Kafka never got, republished by the lost admission repair")
                .register(meters);
        Duration minimum = properties
                .kafka()
                .sendTimeout()
                .multipliedBy(2)
                .plus(properties.admission().undoRetryInterval());
        if (settings.after().compareTo(minimum) < 0) {
            throw new IllegalStateException("firstcome.repair.after (" + settings.after()
                    + ") must be at least twice firstcome.kafka.send-timeout plus"
                    + " firstcome.admission.undo-retry-interval (" + minimum
                    + "): a younger admission may still be on its way to Kafka or being undone");
        }
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (settings.enabled()) {
            registrar.addFixedDelayTask(new FixedDelayTask(this::run, settings.interval(), settings.firstDelay()));
        }
    }

    void run() {
        try {
            repair();
        } catch (RuntimeException e) {
            log.warn("Lost admission repair skipped, will try again in {}: {}", settings.interval(), e.toString());
        }
    }

    /** One repair, unless another server is running one: the admissions republished. */
    List<CouponAdmitted> repair() {
        return lock.tryWithLock(lockName, this::repairNow).orElse(List.of());
    }

    private List<CouponAdmitted> repairNow() {
        Instant settledBefore = clock.instant().minus(settings.after());
        Map<Long, List<CouponAdmitted>> suspects = new LinkedHashMap<>();
        for (EventView event : events.list(false)) {
            try {
                List<CouponAdmitted> unaccounted = suspects(event.id(), settledBefore);
                if (!unaccounted.isEmpty()) {
                    suspects.put(event.id(), unaccounted);
                }
            } catch (RuntimeException e) {
                log.warn("Lost admission repair could not read event {}: {}", event.id(), e.toString());
            }
        }
        if (suspects.isEmpty()) {
            return List.of();
        }
        Map<Long, Set<Long>> onTheirWay = kafka.admissionIds(suspects.keySet());
        List<CouponAdmitted> republished = new ArrayList<>();
        suspects.forEach((eventId, unaccounted) -> {
            try {
                republish(eventId, unaccounted, onTheirWay.getOrDefault(eventId, Set.of()), republished);
            } catch (RuntimeException e) {
                log.warn("Lost admission repair could not republish in event {}: {}", eventId, e.toString());
            }
        });
        if (!republished.isEmpty()) {
            log.warn(
                    "Republished {} admission(s) Kafka never got (first: user {} of event {}, admission {})",
                    republished.size(),
                    republished.getFirst().userId(),
                    republished.getFirst().eventId(),
                    republished.getFirst().admissionId());
        }
        return republished;
    }

    /** Republishes the suspects that are still neither in Kafka's backlog nor rows nor being undone. */
    private void republish(
            long eventId, List<CouponAdmitted> unaccounted, Set<Long> inKafka, List<CouponAdmitted> republished) {
        Set<String> accounted = accounted(eventId);
        for (CouponAdmitted lost : unaccounted) {
            if (inKafka.contains(lost.admissionId())
                    || accounted.contains(lost.userId())
                    || applies.undoing(eventId).contains(lost.admissionId())) {
                continue;
            }
            if (admission.republishOnce(lost, settings.after())) {
                repaired.increment();
                republished.add(lost);
            }
        }
    }

    /**
     * The event's admissions older than {@code settledBefore} that are neither rows nor failed issues nor
     * being undone here (oldest first). The counts come first, from the database then Redis: when Redis
     * admitted no more users than the database holds, every admitted user is accounted for.
     */
    private List<CouponAdmitted> suspects(long eventId, Instant settledBefore) {
        if (!admission.stateLoaded(eventId)) {
            return List.of(); // Redis lost the event: the rebuild's business
        }
        long accountedCount = issuance.persistedCount(eventId) + issuance.failedOpenCount(eventId);
        if (admission.counts(eventId).admitted() <= accountedCount) {
            return List.of();
        }
        Map<String, CouponAdmitted> admitted = admission.admitted(eventId);
        Set<String> accounted = accounted(eventId);
        Set<Long> undoing = applies.undoing(eventId);
        return admitted.values().stream()
                .filter(a -> a.admittedAt().isBefore(settledBefore))
                .filter(a -> !accounted.contains(a.userId()) && !undoing.contains(a.admissionId()))
                .sorted(BY_ADMISSION)
                .toList();
    }

    /** Users of the event with a coupon row or an OPEN failed issue. */
    private Set<String> accounted(long eventId) {
        Set<String> users = new HashSet<>();
        issuance.persistedAdmissions(eventId).forEach(a -> users.add(a.userId()));
        issuance.failedOpenAdmissions(eventId).forEach(a -> users.add(a.userId()));
        return users;
    }
}
