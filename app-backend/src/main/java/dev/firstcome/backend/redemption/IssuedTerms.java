package dev.firstcome.backend.redemption;

import dev.firstcome.backend.issuance.IssuedCoupon;
import dev.firstcome.model.CouponStatus;
import dev.firstcome.model.CouponValidity;
import dev.firstcome.model.EventView;
import java.time.Instant;
import java.time.ZoneId;

/** The first status row of a coupon: ISSUED, with the terms its event defines when the row is written. */
final class IssuedTerms {

    private IssuedTerms() {}

    /** The first status row of a coupon: ISSUED, with its event's terms as they are now (null: unknown event). */
    static CouponState issued(IssuedCoupon c, EventView event) {
        Instant issuedAt = c.admittedAt();
        return new CouponState(
                c.couponId(),
                c.eventId(),
                c.userId(),
                CouponStatus.ISSUED,
                issuedAt,
                event == null ? null : expiresAt(event.validity(), ZoneId.of(event.zoneId()), issuedAt),
                event == null ? null : event.benefit(),
                event == null ? null : event.vendorId(),
                null,
                null,
                null,
                null,
                null,
                0,
                null);
    }

    /** The end of a coupon's validity: the end of the {@code until} day, or N days after issue, in the zone. */
    static Instant expiresAt(CouponValidity validity, ZoneId zone, Instant issuedAt) {
        if (validity == null) {
            return null;
        }
        if (validity.until() != null) {
            return validity.until().plusDays(1).atStartOfDay(zone).toInstant();
        }
        return issuedAt.atZone(zone).plusDays(validity.daysAfterIssue()).toInstant();
    }
}
