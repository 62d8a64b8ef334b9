package dev.firstcome.backend.redemption;

/**
 * A redeem or release the coupon's state refuses: 409 with {@code reason} ({@code ALREADY_REDEEMED},
 * {@code EXPIRED}, {@code BELOW_MINIMUM}, {@code NOT_REDEEMABLE}; release: {@code NOT_REDEEMED_BY_ORDER}).
 */
public class RedemptionRefusedException extends RuntimeException {

    public static final String ALREADY_REDEEMED = "ALREADY_REDEEMED";
    public static final String EXPIRED = "EXPIRED";
    public static final String BELOW_MINIMUM = "BELOW_MINIMUM";
    public static final String NOT_REDEEMABLE = "NOT_REDEEMABLE";
    public static final String NOT_REDEEMED_BY_ORDER = "NOT_REDEEMED_BY_ORDER";

    private final long couponId;
    private final String reason;

    public RedemptionRefusedException(long couponId, String reason, String detail) {
        super(detail);
        this.couponId = couponId;
        this.reason = reason;
    }

    public long couponId() {
        return couponId;
    }

    public String reason() {
        return reason;
    }
}
