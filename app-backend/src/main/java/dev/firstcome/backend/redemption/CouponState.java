package dev.firstcome.backend.redemption;

import dev.firstcome.model.CouponBenefit;
import dev.firstcome.model.CouponStatus;
import java.time.Instant;

/**
 * One row of {@code coupon_state}: the coupon's status and the terms it was issued with (a snapshot of its
 * event's benefit, validity and vendor, taken when the row was first written).
 */
record CouponState(
        long couponId,
        long eventId,
        String userId,
        CouponStatus status,
        Instant issuedAt,
        Instant expiresAt,
        CouponBenefit benefit,
        Long vendorId,
        String orderId,
        Long orderAmount,
        Long discount,
        String redemptionId,
        Instant redeemedAt,
        int redemptions,
        Long vendorCost) {

    /** Past its validity at {@code now} (whether or not the expiry job has marked it yet). */
    boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** The status a reader sees at {@code now}: an ISSUED coupon past its validity is EXPIRED. */
    CouponStatus effectiveStatus(Instant now) {
        return status == CouponStatus.ISSUED && expiredAt(now) ? CouponStatus.EXPIRED : status;
    }
}
