package dev.firstcome.backend.redemption;

import dev.firstcome.model.CouponStatus;
import dev.firstcome.model.RedemptionResult;
import dev.firstcome.model.RedemptionTimeline;
import dev.firstcome.model.UserCouponView;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A coupon after the win: its status (ISSUED, REDEEMED, EXPIRED) and history, redemption for an order
 * exactly once, release by that order, expiry.
 *
 * <p>Failures: {@link CouponNotFoundException} (no such coupon, or another customer's), {@link
 * RedemptionRefusedException} (409 with a reason), {@link IdempotencyKeyReusedException}, and {@code
 * InvalidRequestException} naming a bad field.
 */
public interface RedemptionApi {

    /**
     * Redeems the customer's coupon for an order and answers the discount. The first answer given to an
     * idempotency key (a discount or a refusal) is the answer to every retry with that key; a retry of the
     * order that holds the coupon answers its redemption.
     *
     * @param actor who acts (recorded in the history), e.g. {@code user:alice} or {@code order:o-1}
     */
    RedemptionResult redeem(
            long couponId, String userId, String orderId, long orderAmount, String idempotencyKey, String actor);

    /** Gives the coupon back from the order that redeemed it (idempotent); EXPIRED when past its validity. */
    UserCouponView release(long couponId, String userId, String orderId, String actor);

    /** The customer's coupons with status, benefit, validity and history, oldest first. */
    List<UserCouponView> couponsOf(String userId);

    /** One coupon of the customer. */
    UserCouponView coupon(long couponId, String userId);

    /** Marks up to one batch of coupons past their validity EXPIRED; returns how many. */
    int expireDue();

    /** The event's coupons per status (as recorded: the funnel issued -> redeemed / expired). */
    Map<CouponStatus, Long> funnel(long eventId);

    /**
     * The event's coupons redeemed, released and expired per bucket of time, from its first coupon's issue
     * until now (read-only). {@code bucket} null: the shortest of 10 s, 30 s, 1 min, 5 min, 15 min, 1 h, 3 h,
     * 6 h, 12 h, 1 day, 7 days that gives at most 120 buckets; else whole seconds from 10 s to 7 days giving
     * at most 2000 buckets ({@code InvalidRequestException} naming {@code bucket} otherwise).
     */
    RedemptionTimeline timeline(long eventId, Duration bucket);
}
