package dev.firstcome.backend.redemption;

/** The stored outcome of a successful redeem (refusals store their {@link RedemptionRefusedException} reason). */
final class RedemptionResultCodes {

    static final String REDEEMED = "REDEEMED";

    private RedemptionResultCodes() {}
}
