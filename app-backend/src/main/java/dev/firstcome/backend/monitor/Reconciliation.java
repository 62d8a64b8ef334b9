package dev.firstcome.backend.monitor;

import dev.firstcome.model.CouponAdmitted;
import dev.firstcome.model.ReconcileReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Redis versus the database for one event, compared by user (pure arithmetic, no I/O).
 *
 * <ul>
 *   <li>missing: admitted in Redis, neither a coupon row nor an OPEN failed issue;
 *   <li>inFlight: the missing ones still on their way: admitted less than {@code firstcome.repair.after}
 *       ago (the apply may still be waiting for Kafka's ack, or undoing a failed send), those whose undo
 *       this server is trying or has queued (their send failed: the undo gives the slot back), and of
 *       the others as many as the pipeline's backlog can explain: {@code min(rest, backlog)} while the
 *       backlog is above 0 (the backlog is a bound, not a list: records are not read to find out which
 *       users they carry);
 *   <li>lost: {@code missing - inFlight}, must be 0 once drained. This equals {@code admitted -
 *       persisted - inFlight - failedOpen} whenever Redis knows every persisted user;
 *   <li>unknownToRedis: coupon rows whose user Redis does not know (Redis lost state).
 * </ul>
 *
 * @param missing admissions neither persisted nor failed (oldest admission first)
 * @param settled the missing ones older than the grace and not being undone: lost unless the backlog still
 *     holds them (what heal republishes once drained; oldest first)
 * @param unknownToRedis admissions Redis lacks that must be restored into it (oldest first): every
 *     persisted user Redis does not know (counted in the report), and every OPEN failed issue whose user
 *     Redis does not know either (not counted: such a user will get the coupon by reissue, and must not
 *     be admitted a second time meanwhile)
 */
record Reconciliation(
        ReconcileReport report,
        List<CouponAdmitted> missing,
        List<CouponAdmitted> settled,
        List<CouponAdmitted> unknownToRedis) {

    static final int SAMPLE_SIZE = 20;

    private static final Comparator<CouponAdmitted> BY_ADMISSION =
            Comparator.comparingLong(CouponAdmitted::admissionId).thenComparing(CouponAdmitted::userId);

    /**
     * @param admitted Redis: user to admission
     * @param persisted coupon rows of the event
     * @param failedOpen OPEN failed issues of the event
     * @param consumerLag records the issuance group has not committed yet (reported as is)
     * @param backlog records not yet turned into a row or a failed issue (consumer lag plus dead-letter lag)
     */
    static Reconciliation of(
            long eventId,
            Map<String, CouponAdmitted> admitted,
            Collection<CouponAdmitted> persisted,
            Collection<CouponAdmitted> failedOpen,
            long consumerLag,
            long backlog) {
        return of(eventId, admitted, persisted, failedOpen, consumerLag, backlog, Instant.MAX, Set.of());
    }

    /**
     * @param settledBefore admissions at or after this instant are still on their way (in flight)
     * @param undoing admission ids whose undo this server is trying or has queued (in flight)
     */
    static Reconciliation of(
            long eventId,
            Map<String, CouponAdmitted> admitted,
            Collection<CouponAdmitted> persisted,
            Collection<CouponAdmitted> failedOpen,
            long consumerLag,
            long backlog,
            Instant settledBefore,
            Set<Long> undoing) {
        Set<String> persistedUsers = new HashSet<>();
        persisted.forEach(a -> persistedUsers.add(a.userId()));
        Set<String> accounted = new HashSet<>(persistedUsers);
        failedOpen.forEach(a -> accounted.add(a.userId()));

        List<CouponAdmitted> missing = new ArrayList<>();
        admitted.forEach((user, admission) -> {
            if (!accounted.contains(user)) {
                missing.add(admission);
            }
        });
        missing.sort(BY_ADMISSION);

        Set<String> seen = new HashSet<>();
        List<CouponAdmitted> unknown = new ArrayList<>();
        for (CouponAdmitted row : persisted) {
            if (!admitted.containsKey(row.userId()) && seen.add(row.userId())) {
                unknown.add(row);
            }
        }
        long unknownPersisted = unknown.size();
        for (CouponAdmitted failed : failedOpen) {
            if (!admitted.containsKey(failed.userId()) && seen.add(failed.userId())) {
                unknown.add(failed);
            }
        }
        unknown.sort(BY_ADMISSION);

        List<CouponAdmitted> settled = missing.stream()
                .filter(a -> a.admittedAt().isBefore(settledBefore) && !undoing.contains(a.admissionId()))
                .toList();
        long inFlight = missing.size() - settled.size() + (backlog > 0 ? Math.min(settled.size(), backlog) : 0);
        long lost = missing.size() - inFlight;
        ReconcileReport report = new ReconcileReport(
                eventId,
                admitted.size(),
                persisted.size(),
                inFlight,
                failedOpen.size(),
                lost,
                unknownPersisted,
                consumerLag,
                backlog == 0,
                sample(missing),
                sample(unknown.stream()
                        .filter(a -> persistedUsers.contains(a.userId()))
                        .toList()));
        return new Reconciliation(report, List.copyOf(missing), settled, List.copyOf(unknown));
    }

    private static List<String> sample(List<CouponAdmitted> admissions) {
        return admissions.stream()
                .limit(SAMPLE_SIZE)
                .map(CouponAdmitted::userId)
                .toList();
    }
}
