package dev.firstcome.backend.redemption;

import dev.firstcome.backend.infra.FirstComeNames;
import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.backend.vendor.LedgerEntry;
import dev.firstcome.backend.vendor.VendorApi;
import dev.firstcome.model.VendorView;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The vendor side of a redemption: what the funding vendor is owed, and the ledger entry of a redemption or
 * its release, written in the redemption's transaction.
 */
@Component
class RedemptionLedger {

    private final ApplicationEventPublisher publisher;
    private final FirstComeProperties.Redemption settings;
    private final VendorApi vendors;

    /** This server's ledger topic: each entry carries it (see {@link VendorLedgerEntry}). */
    private final String ledgerTopic;

    RedemptionLedger(
            ApplicationEventPublisher publisher,
            FirstComeProperties properties,
            VendorApi vendors,
            FirstComeNames names) {
        this.publisher = publisher;
        this.settings = properties.redemption();
        this.vendors = vendors;
        this.ledgerTopic = names.ledgerTopic();
    }

    /** What the funding vendor is owed for one redemption now (vendors are never deleted). */
    long vendorCost(long vendorId) {
        return vendors.find(vendorId)
                .map(VendorView::costPerRedemption)
                .orElseThrow(() -> new IllegalStateException("vendor " + vendorId + " of a coupon does not exist"));
    }

    /** Books the vendor's credit for one redemption. */
    void credit(String redemptionId, CouponState s, long cost, String orderId, Instant now) {
        ledger(new VendorLedgerEntry(
                redemptionId,
                VendorLedgerEntry.CREDIT,
                s.couponId(),
                s.eventId(),
                s.vendorId(),
                cost,
                orderId,
                now,
                ledgerTopic));
    }

    /** Books the reversal of a redemption's credit when its order gives the coupon back. */
    void reversal(CouponState s, String orderId, Instant now) {
        ledger(new VendorLedgerEntry(
                s.redemptionId(),
                VendorLedgerEntry.REVERSAL,
                s.couponId(),
                s.eventId(),
                s.vendorId(),
                -s.vendorCost(),
                orderId,
                now,
                ledgerTopic));
    }

    /**
     * The entry, in the redemption's transaction: into the event publication registry (sent to Kafka after the
     * commit), or with the synchronous settlement booked into the vendor's ledger directly.
     */
    private void ledger(VendorLedgerEntry e) {
        if (settings.settlement() == FirstComeProperties.Redemption.Settlement.SYNC) {
            vendors.book(new LedgerEntry(
                    e.redemptionId(),
                    e.kind(),
                    e.couponId(),
                    e.eventId(),
                    e.vendorId(),
                    e.amount(),
                    e.orderId(),
                    e.at()));
        } else {
            publisher.publishEvent(e);
        }
    }
}
