package dev.firstcome.backend.vendor;

import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The settlement side: books the ledger entries of the ledger topic into {@code vendor_ledger}, one
 * transaction per batch, before the offsets are committed. A redelivered or resubmitted entry is already
 * booked and changes nothing (unique {@code (redemption_id, kind)}), so a crash anywhere never pays twice
 * nor loses a payment.
 */
@Component
class SettlementListener {

    static final String ID = "firstcome-settlement";

    private static final Logger log = LoggerFactory.getLogger(SettlementListener.class);

    private final LedgerRepository ledger;
    private final TransactionTemplate tx;
    private final Clock clock;

    SettlementListener(LedgerRepository ledger, TransactionTemplate tx, Clock clock) {
        this.ledger = ledger;
        this.tx = tx;
        this.clock = clock;
    }

    @KafkaListener(
            id = ID,
            topics = "#{@firstComeNames.ledgerTopic()}",
            groupId = "#{@firstComeNames.settlementGroup()}",
            containerFactory = SettlementKafkaConfiguration.CONTAINER_FACTORY,
            batch = "true")
    void onEntries(List<LedgerEntry> entries) {
        tx.executeWithoutResult(status -> {
            for (LedgerEntry entry : entries) {
                if (entry == null) {
                    log.error("A ledger record could not be read; skipped");
                } else {
                    ledger.book(entry, clock.instant());
                }
            }
        });
    }
}
