package dev.firstcome.backend.redemption;

import dev.firstcome.backend.infra.web.InvalidRequestException;
import dev.firstcome.model.CouponBenefit;
import dev.firstcome.model.CouponStatus;
import java.time.Instant;
import java.util.regex.Pattern;

/** The checks of a redemption request and the answer for a locked coupon. */
final class RedemptionRules {

    static final long MAX_ORDER_AMOUNT = 10_000_000_000L;
    private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9._:@+-]{1,64}");
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,128}");

    private RedemptionRules() {}

    static void requireRedeemRequest(String orderId, long orderAmount, String idempotencyKey) {
        requireOrderId(orderId);
        if (orderAmount < 0 || orderAmount > MAX_ORDER_AMOUNT) {
            throw new InvalidRequestException(
                    "orderAmount",
                    "orderAmount must be between 0 and " + MAX_ORDER_AMOUNT + " (minor units), got " + orderAmount);
        }
        if (idempotencyKey == null || !KEY.matcher(idempotencyKey).matches()) {
            throw new InvalidRequestException(
                    "Idempotency-Key", "an Idempotency-Key header of 1 to 128 printable ASCII characters is required");
        }
    }

    static void requireOrderId(String orderId) {
        if (orderId == null || !ORDER_ID.matcher(orderId).matches()) {
            throw new InvalidRequestException(
                    "orderId", "orderId is required: 1 to 64 characters of A-Z a-z 0-9 . _ : @ + -");
        }
    }

    /** The answer for a locked coupon: a discount, or a refusal with its reason. */
    static RedemptionRecord decide(CouponState s, String orderId, long orderAmount, Instant now) {
        if (s.status() == CouponStatus.REDEEMED) {
            if (orderId.equals(s.orderId()) && orderAmount == s.orderAmount()) {
                return new RedemptionRecord(
                        orderId, orderAmount, RedemptionResultCodes.REDEEMED, s.discount(), s.redeemedAt(), null);
            }
            return refused(
                    orderId,
                    orderAmount,
                    RedemptionRefusedException.ALREADY_REDEEMED,
                    "Coupon " + s.couponId() + " is already redeemed by another order");
        }
        if (s.status() == CouponStatus.EXPIRED || s.expiredAt(now)) {
            return refused(
                    orderId,
                    orderAmount,
                    RedemptionRefusedException.EXPIRED,
                    "Coupon " + s.couponId() + " expired at " + s.expiresAt());
        }
        CouponBenefit benefit = s.benefit();
        if (benefit == null) {
            return refused(
                    orderId,
                    orderAmount,
                    RedemptionRefusedException.NOT_REDEEMABLE,
                    "Coupon " + s.couponId() + " carries no benefit (its event defines none)");
        }
        if (orderAmount < benefit.minimum()) {
            return refused(
                    orderId,
                    orderAmount,
                    RedemptionRefusedException.BELOW_MINIMUM,
                    "The order amount " + orderAmount + " is below the coupon's minimum order amount "
                            + benefit.minimum());
        }
        return new RedemptionRecord(
                orderId, orderAmount, RedemptionResultCodes.REDEEMED, benefit.discountOn(orderAmount), now, null);
    }

    private static RedemptionRecord refused(String orderId, long orderAmount, String reason, String detail) {
        return new RedemptionRecord(orderId, orderAmount, reason, null, null, detail);
    }
}
