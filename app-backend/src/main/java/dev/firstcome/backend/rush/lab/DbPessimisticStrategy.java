package dev.firstcome.backend.rush.lab;

import dev.firstcome.backend.admission.AdmissionStrategy;
import dev.firstcome.model.ApplyOutcome;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code db-pessimistic}: one transaction that locks the event's stock row ({@code SELECT ... FOR
 * UPDATE}), then checks the user and the count and writes. Correct on any number of servers; every
 * apply of an event waits for that row lock and holds a connection while it waits. Total limit only.
 */
@Component
class DbPessimisticStrategy implements AdmissionStrategy {

    static final String NAME = "db-pessimistic";

    private final LabStockStore store;
    private final TransactionTemplate transactions;

    DbPessimisticStrategy(LabStockStore store, TransactionTemplate transactions) {
        this.store = store;
        this.transactions = transactions;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decision admit(EventLimits event, String userId, LocalDate day, Instant now) {
        long id = event.eventId();
        store.ensureStock(id);
        return transactions.execute(status -> {
            int issued = store.issuedForUpdate(id);
            if (store.claimed(id, userId)) {
                return Decision.refused(ApplyOutcome.ALREADY_APPLIED);
            }
            if (issued >= event.totalQuantity()) {
                return Decision.refused(ApplyOutcome.SOLD_OUT);
            }
            store.increment(id);
            long claimId = store.claim(id, userId, issued + 1, now);
            return new Decision(ApplyOutcome.ISSUED, issued + 1, claimId);
        });
    }

    @Override
    public void undo(EventLimits event, String userId, LocalDate day, Decision decision) {
        transactions.executeWithoutResult(status -> {
            store.issuedForUpdate(event.eventId());
            store.unclaim(event.eventId(), decision.admissionId());
            store.decrement(event.eventId());
        });
    }
}
