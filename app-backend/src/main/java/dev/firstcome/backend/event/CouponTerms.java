package dev.firstcome.backend.event;

import dev.firstcome.model.BenefitType;
import dev.firstcome.model.CouponBenefit;
import dev.firstcome.model.CouponValidity;
import java.time.LocalDate;

/** The rules of an event's coupon terms (benefit, validity, vendor); each failure names its field. */
final class CouponTerms {

    /** 100 million in minor units: bounds amounts so that no discount arithmetic can overflow. */
    static final long MAX_AMOUNT = 10_000_000_000L;

    static final int MAX_DAYS = 3660;

    private CouponTerms() {}

    static void validate(CouponBenefit b, CouponValidity v, Long vendorId) {
        if (b != null) {
            if (b.type() == null) {
                throw new EventValidationException("benefit.type", "benefit.type is required: FIXED or PERCENT");
            }
            if (b.type() == BenefitType.FIXED) {
                if (b.amountOff() == null) {
                    throw new EventValidationException("benefit.amountOff", "a FIXED benefit needs amountOff");
                }
                amount("benefit.amountOff", b.amountOff(), 1);
                if (b.percentOff() != null || b.maxDiscount() != null) {
                    throw new EventValidationException(
                            b.percentOff() != null ? "benefit.percentOff" : "benefit.maxDiscount",
                            "a FIXED benefit takes amountOff only (percentOff and maxDiscount are for PERCENT)");
                }
            } else {
                if (b.percentOff() == null) {
                    throw new EventValidationException("benefit.percentOff", "a PERCENT benefit needs percentOff");
                }
                if (b.percentOff() < 1 || b.percentOff() > 100) {
                    throw new EventValidationException(
                            "benefit.percentOff",
                            "benefit.percentOff must be between 1 and 100, got " + b.percentOff());
                }
                if (b.amountOff() != null) {
                    throw new EventValidationException(
                            "benefit.amountOff", "a PERCENT benefit takes percentOff (amountOff is for FIXED)");
                }
                if (b.maxDiscount() != null) {
                    amount("benefit.maxDiscount", b.maxDiscount(), 1);
                }
            }
            if (b.minOrderAmount() != null) {
                amount("benefit.minOrderAmount", b.minOrderAmount(), 0);
            }
        }
        if (v != null) {
            if ((v.until() == null) == (v.daysAfterIssue() == null)) {
                throw new EventValidationException(
                        "validity", "validity takes exactly one of until (a date) and daysAfterIssue");
            }
            if (v.daysAfterIssue() != null && (v.daysAfterIssue() < 1 || v.daysAfterIssue() > MAX_DAYS)) {
                throw new EventValidationException(
                        "validity.daysAfterIssue",
                        "validity.daysAfterIssue must be between 1 and " + MAX_DAYS + ", got " + v.daysAfterIssue());
            }
            if (v.until() != null
                    && (v.until().isBefore(LocalDate.of(2000, 1, 1))
                            || v.until().isAfter(LocalDate.of(2999, 12, 31)))) {
                throw new EventValidationException(
                        "validity.until", "validity.until must be a date between 2000-01-01 and 2999-12-31");
            }
        }
        if (vendorId != null && vendorId < 1) {
            throw new EventValidationException("vendorId", "vendorId must be a vendor's id (positive)");
        }
    }

    private static void amount(String field, long value, long min) {
        if (value < min || value > MAX_AMOUNT) {
            throw new EventValidationException(
                    field, field + " must be between " + min + " and " + MAX_AMOUNT + " (minor units), got " + value);
        }
    }
}
