package dev.firstcome.backend.lab;

import dev.firstcome.model.ApplyOutcome;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code db-atomic-update}: {@code UPDATE lab_stock SET issued = issued + 1 WHERE event_id = ? AND
 * issued < limit} decides in one statement; 0 rows = sold out. The row stays locked until commit,
 * during which the user's claim is checked (a second request of the same user waits on that lock and
 * then sees the first claim) and inserted. Correct on any number of servers. Total limit only.
 */
@Component
class DbAtomicUpdateStrategy extends DbLabStrategy {

    static final String NAME = "db-atomic-update";

    DbAtomicUpdateStrategy(LabStockStore store, TransactionTemplate transactions) {
        super(NAME, store, transactions);
    }

    @Override
    Decision decide(long eventId, int limit, String userId, Instant now) {
        if (store.claimed(eventId, userId)) {
            return Decision.refused(ApplyOutcome.ALREADY_APPLIED);
        }
        return transactions.execute(status -> {
            if (store.incrementBelow(eventId, limit) == 0) {
                return Decision.refused(ApplyOutcome.SOLD_OUT);
            }
            // the row lock is ours now: a racing request of the same user committed before, or waits
            if (store.claimed(eventId, userId)) {
                status.setRollbackOnly();
                return Decision.refused(ApplyOutcome.ALREADY_APPLIED);
            }
            return issue(eventId, userId, store.issued(eventId), now);
        });
    }
}
