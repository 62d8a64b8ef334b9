package dev.firstcome.backend.issuance;

import java.util.List;

/**
 * Coupon rows just inserted, published inside the transaction that inserted them (the issuance consumer's
 * batch, or a reissue). A synchronous listener's writes join that transaction: they commit with the coupons
 * or roll back with them (and a listener that throws rolls the coupons back, which sends them down the
 * failure path as any refused insert). The rows come with their ids, as the insert returned them.
 */
public record CouponsInserted(List<IssuedCoupon> coupons) {

    public CouponsInserted {
        coupons = List.copyOf(coupons);
    }
}
