package dev.firstcome.backend.issuance;

import dev.firstcome.backend.admission.UserIds;
import dev.firstcome.backend.audit.AuditApi;
import dev.firstcome.backend.infra.web.InvalidRequestException;
import dev.firstcome.model.CouponAdmitted;
import dev.firstcome.model.CouponPersisted;
import dev.firstcome.model.CouponView;
import dev.firstcome.model.FailedIssueStatus;
import dev.firstcome.model.FailedIssueView;
import dev.firstcome.model.ReissueReport;
import dev.firstcome.model.ReissueRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** The issuance facade: coupons, failed issues and their (audited, idempotent) reissue. */
@Service
class IssuanceService implements IssuanceApi {

    /** The most ids one reissue takes (a bigger list is a 400, not one huge query). */
    static final int MAX_IDS = 10_000;
    /** How many unknown ids a refusal lists. */
    static final int SHOWN_UNKNOWN = 20;

    static final String TRIGGER_MANUAL = "MANUAL";
    static final String TRIGGER_SCHEDULE = "SCHEDULE";

    private static final Logger log = LoggerFactory.getLogger(IssuanceService.class);

    private final CouponRepository coupons;
    private final FailedIssueRepository failures;
    private final CouponPersister persister;
    private final TransactionTemplate tx;
    private final AuditApi audit;

    IssuanceService(
            CouponRepository coupons,
            FailedIssueRepository failures,
            CouponPersister persister,
            IssuanceTransactions transactions,
            AuditApi audit) {
        this.coupons = coupons;
        this.failures = failures;
        this.persister = persister;
        this.tx = transactions.template();
        this.audit = audit;
    }

    @Override
    public Optional<IssuedCoupon> coupon(long couponId) {
        return coupons.findById(couponId);
    }

    @Override
    public Optional<IssuedCoupon> coupon(long eventId, String userId) {
        return coupons.findByEventAndUser(eventId, userId);
    }

    @Override
    public List<IssuedCoupon> couponsAfter(long afterId, int limit) {
        return coupons.findAfter(afterId, limit);
    }

    @Override
    public List<IssuedCoupon> issuedCouponsOf(String userId) {
        UserIds.require(userId);
        return coupons.findIssuedByUser(userId);
    }

    @Override
    public List<CouponView> couponsOf(String userId) {
        UserIds.require(userId);
        return coupons.findByUser(userId);
    }

    @Override
    public long persistedCount(long eventId) {
        return coupons.countByEvent(eventId);
    }

    @Override
    public List<FailedIssueView> failedIssues(Long eventId, FailedIssueStatus status) {
        return failures.find(eventId, status);
    }

    @Override
    public long failedOpenCount(long eventId) {
        return failures.countOpen(eventId);
    }

    @Override
    public ReissueReport reissue(ReissueRequest request, String operator) {
        return reissue(request, operator, TRIGGER_MANUAL);
    }

    @Override
    public List<CouponAdmitted> persistedAdmissions(long eventId) {
        return coupons.findAdmissionsByEvent(eventId);
    }

    @Override
    public List<CouponAdmitted> failedOpenAdmissions(long eventId) {
        return failures.findOpenAdmissions(eventId);
    }

    @Override
    public boolean claimNotification(long eventId, String userId) {
        return coupons.claimNotification(eventId, userId, persister.now());
    }

    @Override
    public List<CouponPersisted> claimNotifications(List<CouponPersisted> batch) {
        boolean[] claimed = coupons.claimNotifications(batch, persister.now());
        var result = new java.util.ArrayList<CouponPersisted>(batch.size());
        for (int i = 0; i < claimed.length; i++) {
            if (claimed[i]) {
                result.add(batch.get(i));
            }
        }
        return result;
    }

    @Override
    public void releaseNotification(long eventId, String userId) {
        coupons.releaseNotification(eventId, userId);
    }

    /** Every event with OPEN failures gets a reissue (the scheduled retry). */
    void reissueAllOpen(String operator) {
        for (long eventId : failures.eventsWithOpen()) {
            ReissueReport report = reissue(new ReissueRequest(null, eventId, false), operator, TRIGGER_SCHEDULE);
            log.info("Scheduled reissue of event {}: {}", eventId, report);
        }
    }

    ReissueReport reissue(ReissueRequest request, String operator, String trigger) {
        List<FailedIssueView> targets = targets(request);
        int persisted = 0;
        int skipped = 0;
        int stillFailing = 0;
        List<CouponAdmitted> inserted = new ArrayList<>();
        Instant now = persister.now();
        for (FailedIssueView failed : targets) {
            if (failed.status() == FailedIssueStatus.REISSUED) {
                skipped++;
            } else if (request.dryRun()) {
                // the real insert in a transaction that is rolled back: "would be persisted" only when the
                // database accepts the write now (a refusing trigger, a full disk or a lost connection says no)
                try {
                    Boolean accepted = tx.execute(status -> {
                        status.setRollbackOnly();
                        CouponAdmitted admission = failures.admissionOf(failed.id());
                        return !persister.insert(List.of(admission), now).isEmpty();
                    });
                    if (Boolean.TRUE.equals(accepted)) {
                        persisted++;
                    } else {
                        skipped++;
                    }
                } catch (DataAccessException e) {
                    stillFailing++;
                }
            } else {
                try {
                    List<CouponAdmitted> rows = tx.execute(status -> {
                        CouponAdmitted admission = failures.admissionOf(failed.id());
                        List<CouponAdmitted> done = persister.insert(List.of(admission), now);
                        failures.markReissued(failed.id(), now);
                        return done;
                    });
                    if (rows.isEmpty()) {
                        skipped++;
                    } else {
                        persisted++;
                        inserted.addAll(rows);
                    }
                } catch (DataAccessException e) {
                    stillFailing++;
                    recordStillFailing(failed, e);
                }
            }
        }
        persister.afterCommit(inserted, now);
        ReissueReport report = new ReissueReport(request.dryRun(), targets.size(), persisted, skipped, stillFailing);
        failures.audit(
                now,
                operator,
                trigger,
                request.dryRun(),
                report.requested(),
                report.persisted(),
                report.skipped(),
                report.stillFailing());
        audit.record(
                operator,
                request.dryRun() ? "failed-issues.reissue-dry-run" : "failed-issues.reissue",
                request.eventId() != null ? "event:" + request.eventId() : "failed-issues",
                request,
                report);
        return report;
    }

    private void recordStillFailing(FailedIssueView failed, DataAccessException e) {
        try {
            failures.markStillFailing(failed.id(), e.getMostSpecificCause().getMessage(), persister.now());
        } catch (DataAccessException again) {
            log.warn("Could not record the failed reissue of {}: {}", failed.id(), again.getMessage());
        }
    }

    private List<FailedIssueView> targets(ReissueRequest request) {
        if (request == null) {
            throw new InvalidRequestException("body", "a body with ids or eventId is required");
        }
        boolean hasIds = request.ids() != null && !request.ids().isEmpty();
        boolean hasEvent = request.eventId() != null;
        if (hasIds && hasEvent) {
            throw new InvalidRequestException("eventId", "give either ids or eventId, not both");
        }
        if (!hasIds && !hasEvent) {
            throw new InvalidRequestException("ids", "ids (a non-empty list) or eventId is required");
        }
        if (hasEvent) {
            if (request.eventId() <= 0) {
                throw new InvalidRequestException("eventId", "eventId must be positive");
            }
            return failures.findOpenByEvent(request.eventId());
        }
        if (request.ids().size() > MAX_IDS) {
            throw new InvalidRequestException(
                    "ids",
                    "at most " + MAX_IDS + " ids per reissue, got "
                            + request.ids().size() + "; send them in several requests, or reissue by eventId");
        }
        if (request.ids().stream().anyMatch(id -> id == null || id <= 0)) {
            throw new InvalidRequestException("ids", "ids must be positive numbers");
        }
        Set<Long> ids = new LinkedHashSet<>(request.ids());
        List<FailedIssueView> found = failures.findByIds(List.copyOf(ids));
        if (found.size() != ids.size()) {
            Set<Long> missing = new LinkedHashSet<>(ids);
            found.forEach(f -> missing.remove(f.id()));
            throw new InvalidRequestException(
                    "ids",
                    missing.size() + " of the " + ids.size() + " ids are not failed issues: "
                            + missing.stream()
                                    .limit(SHOWN_UNKNOWN)
                                    .map(String::valueOf)
                                    .collect(Collectors.joining(", "))
                            + (missing.size() > SHOWN_UNKNOWN ? ", ..." : ""));
        }
        return found;
    }
}
