package dev.firstcome.desktop.testing;

import dev.firstcome.backend.issuance.IssuanceApi;
import dev.firstcome.model.CouponAdmitted;
import dev.firstcome.model.CouponView;
import dev.firstcome.model.FailedIssueStatus;
import dev.firstcome.model.FailedIssueView;
import dev.firstcome.model.ReissueReport;
import dev.firstcome.model.ReissueRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Failed issues in memory; reissue marks them REISSUED (or reports, on a dry run). */
public final class FakeIssuanceApi implements IssuanceApi {

    private final List<FailedIssueView> failures = new CopyOnWriteArrayList<>();
    private final List<ReissueRequest> requests = new CopyOnWriteArrayList<>();
    private final List<String> operators = new CopyOnWriteArrayList<>();

    public void add(FailedIssueView failure) {
        failures.add(failure);
    }

    public List<ReissueRequest> requests() {
        return requests;
    }

    public List<String> operators() {
        return operators;
    }

    @Override
    public List<FailedIssueView> failedIssues(Long eventId, FailedIssueStatus status) {
        return failures.stream()
                .filter(f -> eventId == null || f.eventId() == eventId)
                .filter(f -> status == null || f.status() == status)
                .toList();
    }

    @Override
    public ReissueReport reissue(ReissueRequest request, String operator) {
        requests.add(request);
        operators.add(operator);
        List<FailedIssueView> chosen = failures.stream()
                .filter(f -> request.ids() != null ? request.ids().contains(f.id()) : f.eventId() == request.eventId())
                .filter(f -> f.status() == FailedIssueStatus.OPEN)
                .toList();
        if (!request.dryRun()) {
            List<FailedIssueView> updated = new ArrayList<>();
            for (FailedIssueView f : failures) {
                updated.add(
                        chosen.contains(f)
                                ? new FailedIssueView(
                                        f.id(),
                                        f.eventId(),
                                        f.userId(),
                                        f.rank(),
                                        f.admissionId(),
                                        f.reason(),
                                        f.attempts(),
                                        f.firstFailedAt(),
                                        f.lastFailedAt(),
                                        FailedIssueStatus.REISSUED)
                                : f);
            }
            failures.clear();
            failures.addAll(updated);
        }
        return new ReissueReport(request.dryRun(), chosen.size(), chosen.size(), 0, 0);
    }

    @Override
    public List<CouponView> couponsOf(String userId) {
        return List.of();
    }

    @Override
    public java.util.Optional<dev.firstcome.backend.issuance.IssuedCoupon> coupon(long couponId) {
        return java.util.Optional.empty();
    }

    @Override
    public java.util.Optional<dev.firstcome.backend.issuance.IssuedCoupon> coupon(long eventId, String userId) {
        return java.util.Optional.empty();
    }

    @Override
    public List<dev.firstcome.backend.issuance.IssuedCoupon> couponsAfter(long afterId, int limit) {
        return List.of();
    }

    @Override
    public List<dev.firstcome.backend.issuance.IssuedCoupon> issuedCouponsOf(String userId) {
        return List.of();
    }

    @Override
    public long persistedCount(long eventId) {
        return 0;
    }

    @Override
    public long failedOpenCount(long eventId) {
        return failedIssues(eventId, FailedIssueStatus.OPEN).size();
    }

    @Override
    public List<CouponAdmitted> persistedAdmissions(long eventId) {
        return List.of();
    }

    @Override
    public List<CouponAdmitted> failedOpenAdmissions(long eventId) {
        return List.of();
    }

    @Override
    public boolean claimNotification(long eventId, String userId) {
        return false;
    }

    @Override
    public void releaseNotification(long eventId, String userId) {}
}
