package dev.firstcome.model;

/**
 * What a coupon is worth, in the shop's minor currency units (cents). {@code FIXED}: {@code amountOff} off
 * the order (never more than the order). {@code PERCENT}: {@code percentOff} (1..100) of the order, at most
 * {@code maxDiscount} when set. {@code minOrderAmount}: the smallest order the coupon applies to (0 when
 * absent).
 */
public record CouponBenefit(
        BenefitType type, Long amountOff, Integer percentOff, Long maxDiscount, Long minOrderAmount) {

    public static CouponBenefit fixed(long amountOff, long minOrderAmount) {
        return new CouponBenefit(BenefitType.FIXED, amountOff, null, null, minOrderAmount);
    }

    public static CouponBenefit percent(int percentOff, Long maxDiscount, long minOrderAmount) {
        return new CouponBenefit(BenefitType.PERCENT, null, percentOff, maxDiscount, minOrderAmount);
    }

    /** The minimum order amount, 0 when absent. */
    public long minimum() {
        return minOrderAmount == null ? 0 : minOrderAmount;
    }

    /** The discount on an order of {@code orderAmount} (at least the minimum). */
    public long discountOn(long orderAmount) {
        if (type == BenefitType.FIXED) {
            return Math.min(amountOff, orderAmount);
        }
        long discount = Math.multiplyExact(orderAmount, (long) percentOff) / 100;
        return maxDiscount == null ? discount : Math.min(discount, maxDiscount);
    }
}
