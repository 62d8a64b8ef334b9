package dev.firstcome.backend.redemption;

/** No such coupon for this customer (also when it is another customer's: never revealed): 404. */
public class CouponNotFoundException extends RuntimeException {

    public CouponNotFoundException(long couponId) {
        super("Coupon " + couponId + " does not exist for this customer");
    }
}
