package dev.firstcome.backend.admission.state;

import dev.firstcome.backend.admission.AdmissionHistory;
import dev.firstcome.backend.admission.AdmissionStrategy;
import dev.firstcome.backend.admission.EventCatalog;
import dev.firstcome.backend.infra.RedisTopology;
import dev.firstcome.model.CouponAdmitted;
import dev.firstcome.model.EventStatus;
import dev.firstcome.model.EventView;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Detects that Redis went back in time (a failover promoted a replica that missed writes, or a master
 * restarted from an older append-only file) and hands the event to the rebuild, as if its state were
 * lost: the event answers 503 until its state is rebuilt from the database plus the drained Kafka tail;
 * it never reopens with a stale count.
 *
 * <p>Facts that survive a failover: the master serving the event's slot has a new replication id
 * ({@code master_replid}: a promotion or a restart; checked every {@code
 * firstcome.admission.rollback-check-interval}, 1 s, and recorded in the event's slot so that the servers
 * of a deployment rebuild once per failover); the event's {@code seq} is below an admission id the
 * database already holds, or a persisted user is unknown to Redis (checked at startup and every {@code
 * firstcome.admission.rollback-facts-interval}, 1 min, once the pipeline has no backlog for them to
 * race). On by default where replicas can be promoted ({@code firstcome.admission.rollback-detection}:
 * {@code auto}, {@code on}, {@code off}). A new replication id is treated as a rollback whatever the replica had: the rebuild costs a few
 * seconds of 503, a stale count would cost an oversell.
 */
@Component
class RollbackDetector {

    private static final Logger log = LoggerFactory.getLogger(RollbackDetector.class);

    private final RedisAdmissionState state;
    private final AdmissionHistory issuance;
    private final EventCatalog events;
    private final RedisStateRebuilder rebuilder;
    private final Map<Long, String> seen = new ConcurrentHashMap<>();
    private final Set<Long> rolledBack = ConcurrentHashMap.newKeySet();
    private final boolean enabled;
    private volatile boolean ready;

    RollbackDetector(
            RedisAdmissionState state,
            AdmissionHistory issuance,
            EventCatalog events,
            RedisStateRebuilder rebuilder,
            RedisTopology topology,
            org.springframework.core.env.Environment env) {
        // auto: on where replicas can be promoted (Cluster, Sentinel, or replica acks configured); a
        // standalone Redis without replicas keeps the "state missing" rebuild alone, as before
        String mode = env.getProperty("firstcome.admission.rollback-detection", "auto");
        this.enabled = "on".equalsIgnoreCase(mode)
                || ("auto".equalsIgnoreCase(mode)
                        && (topology.mode() != RedisTopology.Mode.STANDALONE || topology.replicaAcks() > 0));
        this.state = state;
        this.issuance = issuance;
        this.events = events;
        this.rebuilder = rebuilder;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        ready = enabled;
        if (enabled) {
            checkFacts();
        }
    }

    /** The replication id of each open event's master, against the one seen (and recorded) before. */
    @Scheduled(fixedDelayString = "${firstcome.admission.rollback-check-interval:1s}")
    void checkReplicationIds() {
        if (!ready) {
            return;
        }
        for (EventView event : openEvents()) {
            try {
                checkReplicationId(event.id());
            } catch (RuntimeException e) {
                // Redis unreachable or failing over: checked again next time
                log.debug("Rollback check of event {} skipped: {}", event.id(), e.getMessage());
            }
        }
    }

    /** Whether this server saw the event rolled back since it started (for the console and tests). */
    boolean sawRollback(long eventId) {
        return rolledBack.contains(eventId);
    }

    void checkReplicationId(long eventId) {
        if (!state.stateLoaded(eventId)) {
            return; // lost or being rebuilt already
        }
        String current = state.masterReplicationId(eventId);
        if (current == null) {
            return;
        }
        String recorded = state.recordedReplicationId(eventId);
        String before = seen.put(eventId, current);
        if (recorded == null) {
            state.recordReplicationId(eventId, current);
            return;
        }
        if (recorded.equals(current)) {
            return; // unchanged, or another server already handled this failover
        }
        rollBack(
                eventId,
                current,
                "the master serving its slot changed its replication id (" + shortId(before == null ? recorded : before)
                        + " -> " + shortId(current) + ")");
    }

    /** Seq below a persisted admission id, or a persisted user unknown to Redis. */
    @Scheduled(
            fixedDelayString = "${firstcome.admission.rollback-facts-interval:1m}",
            initialDelayString = "${firstcome.admission.rollback-facts-interval:1m}")
    void checkFacts() {
        if (!ready) {
            return;
        }
        for (EventView event : openEvents()) {
            try {
                checkFacts(event.id());
            } catch (RuntimeException e) {
                log.debug("Rollback facts of event {} not checked: {}", event.id(), e.getMessage());
            }
        }
    }

    void checkFacts(long eventId) {
        if (!state.stateLoaded(eventId)) {
            return;
        }
        List<CouponAdmitted> persisted = issuance.persistedAdmissions(eventId);
        if (persisted.isEmpty()) {
            return;
        }
        long highest =
                persisted.stream().mapToLong(CouponAdmitted::admissionId).max().orElse(0);
        long seq = state.sequence(eventId);
        if (seq < highest) {
            rollBack(eventId, null, "its seq " + seq + " is below admission id " + highest + " the database holds");
            return;
        }
        List<Boolean> known = state.applied(
                eventId, persisted.stream().map(CouponAdmitted::userId).toList());
        int unknown = (int) known.stream().filter(k -> !k).count();
        if (unknown > 0 && state.stateLoaded(eventId)) {
            rollBack(eventId, null, unknown + " persisted user(s) are unknown to Redis");
        }
    }

    private void rollBack(long eventId, String replid, String why) {
        log.warn("Redis state of event {} rolled back: {}. The event answers 503 until it is rebuilt", eventId, why);
        rolledBack.add(eventId);
        state.markRolledBack(eventId, replid);
        rebuilder.request(eventId);
    }

    private List<EventView> openEvents() {
        try {
            return events.list(true).stream()
                    .filter(e -> e.status() != EventStatus.CLOSED)
                    .filter(e -> e.strategy() == null || AdmissionStrategy.LUA.equals(e.strategy()))
                    .toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static String shortId(String replid) {
        return replid == null ? "?" : replid.substring(0, Math.min(8, replid.length()));
    }
}
