package dev.firstcome.backend.lab;

import dev.firstcome.model.ApplyOutcome;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code db-pessimistic}: one transaction that locks the event's stock row ({@code SELECT ... FOR
 * UPDATE}), then checks the user and the count and writes. Correct on any number of servers; every
 * apply of an event waits for that row lock and holds a connection while it waits. Total limit only.
 */
@Component
class DbPessimisticStrategy extends DbLabStrategy {

    static final String NAME = "db-pessimistic";

    DbPessimisticStrategy(LabStockStore store, TransactionTemplate transactions) {
        super(NAME, store, transactions);
    }

    @Override
    Decision decide(long eventId, int limit, String userId, Instant now) {
        return transactions.execute(status -> {
            int issued = store.issuedForUpdate(eventId);
            if (store.claimed(eventId, userId)) {
                return Decision.refused(ApplyOutcome.ALREADY_APPLIED);
            }
            if (issued >= limit) {
                return Decision.refused(ApplyOutcome.SOLD_OUT);
            }
            store.increment(eventId);
            return issue(eventId, userId, issued + 1, now);
        });
    }

    /** Under the same row lock as the applies. */
    @Override
    void giveBack(long eventId, long claimId) {
        store.issuedForUpdate(eventId);
        store.unclaim(eventId, claimId);
        store.decrement(eventId);
    }
}
