package dev.firstcome.backend.admission;

import dev.firstcome.model.CouponAdmitted;
import java.util.List;

/**
 * What the rebuild after a Redis loss needs of what was persisted. A port the issuance feature implements
 * (its {@code IssuanceApi} extends it), so admission never depends on issuance.
 */
public interface AdmissionHistory {

    /** Every persisted admission of the event (coupon rows), for reconcile and Redis rebuild. */
    List<CouponAdmitted> persistedAdmissions(long eventId);

    /** Every OPEN failed admission of the event, for reconcile and Redis rebuild. */
    List<CouponAdmitted> failedOpenAdmissions(long eventId);
}
