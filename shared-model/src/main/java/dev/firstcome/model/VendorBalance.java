package dev.firstcome.model;

/**
 * What a vendor is owed, from its ledger: {@code redemptions} credits and {@code reversals} (released
 * redemptions); {@code owed} is the sum of the entries (credits minus reversals, in minor units).
 */
public record VendorBalance(long vendorId, long redemptions, long reversals, long owed) {}
