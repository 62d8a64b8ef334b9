package dev.firstcome.backend.issuance;

import dev.firstcome.backend.admission.AdmissionHistory;
import dev.firstcome.model.CouponAdmitted;
import dev.firstcome.model.CouponPersisted;
import dev.firstcome.model.CouponView;
import dev.firstcome.model.FailedIssueStatus;
import dev.firstcome.model.FailedIssueView;
import dev.firstcome.model.ReissueReport;
import dev.firstcome.model.ReissueRequest;
import java.util.List;
import java.util.Optional;

/** Persisted coupons, failed issues and their reissue. */
public interface IssuanceApi extends AdmissionHistory {

    /** The user's persisted coupons, oldest first (empty for none). */
    List<CouponView> couponsOf(String userId);

    /** The coupon with this id, if it was persisted. */
    Optional<IssuedCoupon> coupon(long couponId);

    /** The coupon of this user in this event, if it was persisted. */
    Optional<IssuedCoupon> coupon(long eventId, String userId);

    /** Persisted coupons with ids above {@code afterId}, in id order, at most {@code limit}: a page of the table. */
    List<IssuedCoupon> couponsAfter(long afterId, int limit);

    /** The user's persisted coupons with their ids, oldest first. */
    List<IssuedCoupon> issuedCouponsOf(String userId);

    /** Number of coupon rows of the event. */
    long persistedCount(long eventId);

    /** Failed issues, optionally filtered by event and status, newest first. */
    List<FailedIssueView> failedIssues(Long eventId, FailedIssueStatus status);

    /** Number of OPEN failed issues of the event. */
    long failedOpenCount(long eventId);

    /** Reissues by ids or by event; idempotent; audited with the operator's identity. */
    ReissueReport reissue(ReissueRequest request, String operator);

    @Override
    List<CouponAdmitted> persistedAdmissions(long eventId);

    @Override
    List<CouponAdmitted> failedOpenAdmissions(long eventId);

    /**
     * Claims the notice of a coupon: true exactly once per coupon (sets {@code notified_at}), false
     * when it was already claimed or no such coupon exists.
     */
    boolean claimNotification(long eventId, String userId);

    /**
     * Claims the notices of several coupons at once (one transaction) and returns the ones claimed by
     * this call, in order; already-notified coupons are left out.
     */
    default List<CouponPersisted> claimNotifications(List<CouponPersisted> coupons) {
        return coupons.stream()
                .filter(c -> claimNotification(c.eventId(), c.userId()))
                .toList();
    }

    /** Gives a claimed notice back (its sending failed), so a redelivery sends it. */
    void releaseNotification(long eventId, String userId);
}
