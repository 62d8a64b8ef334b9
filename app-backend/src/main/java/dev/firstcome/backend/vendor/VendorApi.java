package dev.firstcome.backend.vendor;

import dev.firstcome.model.SettlementDay;
import dev.firstcome.model.VendorBalance;
import dev.firstcome.model.VendorDraft;
import dev.firstcome.model.VendorView;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Vendors who fund coupons (ADMIN operators manage them; every change is audited). Failures: {@link
 * VendorValidationException} (names the field), {@link VendorNotFoundException}, {@link
 * VendorConflictException} (the name is taken).
 */
public interface VendorApi {

    VendorView create(VendorDraft draft);

    VendorView update(long vendorId, VendorDraft changes);

    Optional<VendorView> find(long vendorId);

    List<VendorView> list();

    /**
     * Books a ledger entry now, in the caller's transaction, unless it is booked already (true when this call
     * booked it): the synchronous settlement ({@code firstcome.redemption.settlement=SYNC}), against which the
     * default (the transactional outbox and Kafka) is measured.
     */
    boolean book(LedgerEntry entry);

    /** What the vendor is owed, from its ledger (settled entries only: the ledger is fed through Kafka). */
    VendorBalance balance(long vendorId);

    /** The vendor's settlement per day in [from, to) of {@code zone}, oldest first. */
    List<SettlementDay> settlement(long vendorId, LocalDate from, LocalDate to, ZoneId zone);

    /**
     * The same report as CSV: a header {@code vendorId,day,redemptions,reversals,owed} and one line per day
     * (what {@code settlement.csv} answers and the console exports).
     */
    String settlementCsv(long vendorId, LocalDate from, LocalDate to, ZoneId zone);
}
