package dev.firstcome.backend.redemption;

import java.time.Instant;
import org.springframework.modulith.events.Externalized;

/**
 * What a vendor is owed or no longer owed, one per redemption and kind: {@code CREDIT} (+cost, the coupon
 * was redeemed) or {@code REVERSAL} (-cost, that redemption was released). Published in the redemption's
 * transaction into Spring Modulith's event publication registry and externalised to Kafka (the ledger
 * topic, keyed by vendor) once committed; the settlement side books it once per {@code (redemptionId,
 * kind)}.
 *
 * <p>{@code topic}: the ledger topic of the server that recorded the entry. The publication registry is shared
 * by every server on the database and any of them resends unsent publications, also a server of another
 * namespace: routed by the sender's own topic, such a resend would reach another deployment's settlement
 * group (the same flaw {@code OrderStepReached} had). Entries recorded before (null) go to the sender's topic.
 */
/* the topic and key are evaluated per event (SpEL, with the application's beans) */
@Externalized("#{topic() ?: @firstComeNames.ledgerTopic()}::#{vendorId().toString()}")
public record VendorLedgerEntry(
        String redemptionId,
        String kind,
        long couponId,
        long eventId,
        long vendorId,
        long amount,
        String orderId,
        Instant at,
        String topic) {

    public static final String CREDIT = "CREDIT";
    public static final String REVERSAL = "REVERSAL";
}
