package dev.firstcome.backend.vendor;

import java.time.Instant;

/**
 * A ledger entry: as it arrives on the ledger topic (the JSON redemption externalises; read into this
 * feature's own record, so vendor never depends on redemption), or as redemption books it directly with the
 * synchronous settlement ({@link VendorApi#book}).
 */
public record LedgerEntry(
        String redemptionId,
        String kind,
        long couponId,
        long eventId,
        long vendorId,
        long amount,
        String orderId,
        Instant at) {}
