package dev.firstcome.backend.rush.lab;

import dev.firstcome.backend.admission.AdmissionStrategy;
import dev.firstcome.model.ApplyOutcome;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code db-atomic-update}: {@code UPDATE lab_stock SET issued = issued + 1 WHERE event_id = ? AND
 * issued < limit} decides in one statement; 0 rows = sold out. The row stays locked until commit,
 * during which the user's claim is checked (a second request of the same user waits on that lock and
 * then sees the first claim) and inserted. Correct on any number of servers. Total limit only.
 */
@Component
class DbAtomicUpdateStrategy implements AdmissionStrategy {

    static final String NAME = "db-atomic-update";

    private final LabStockStore store;
    private final TransactionTemplate transactions;

    DbAtomicUpdateStrategy(LabStockStore store, TransactionTemplate transactions) {
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
        if (store.claimed(id, userId)) {
            return Decision.refused(ApplyOutcome.ALREADY_APPLIED);
        }
        return transactions.execute(status -> {
            if (store.incrementBelow(id, event.totalQuantity()) == 0) {
                return Decision.refused(ApplyOutcome.SOLD_OUT);
            }
            // the row lock is ours now: a racing request of the same user committed before, or waits
            if (store.claimed(id, userId)) {
                status.setRollbackOnly();
                return Decision.refused(ApplyOutcome.ALREADY_APPLIED);
            }
            int rank = store.issued(id);
            long claimId = store.claim(id, userId, rank, now);
            return new Decision(ApplyOutcome.ISSUED, rank, claimId);
        });
    }

    @Override
    public void undo(EventLimits event, String userId, LocalDate day, Decision decision) {
        transactions.executeWithoutResult(status -> {
            store.decrement(event.eventId());
            store.unclaim(event.eventId(), decision.admissionId());
        });
    }
}
