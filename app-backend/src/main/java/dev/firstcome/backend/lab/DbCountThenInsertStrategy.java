package dev.firstcome.backend.lab;

import dev.firstcome.model.ApplyOutcome;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code db-count-then-insert}, the first thing everyone writes (the course's starting point): {@code
 * SELECT count(*)} of the event's claims, and when it is below the total, check the user and insert a
 * claim. No counter row, no lock: every request that read the count before the last winners' inserts
 * committed sees room and inserts too, so under a race the event oversells (and a user racing with
 * themself can win twice). Unsafe on purpose. Total limit only; the claims are the count.
 */
@Component
class DbCountThenInsertStrategy extends DbLabStrategy implements LabCounted {

    static final String NAME = "db-count-then-insert";

    DbCountThenInsertStrategy(LabStockStore store, TransactionTemplate transactions) {
        super(NAME, store, transactions);
    }

    @Override
    Decision decide(long eventId, int limit, String userId, Instant now) {
        long claims = store.claims(eventId);
        if (claims >= limit) {
            return Decision.refused(ApplyOutcome.SOLD_OUT);
        }
        if (store.claimed(eventId, userId)) {
            return Decision.refused(ApplyOutcome.ALREADY_APPLIED);
        }
        return issue(eventId, userId, claims + 1, now);
    }

    /** No counter to give back: the claim is the count. */
    @Override
    void giveBack(long eventId, long claimId) {
        store.unclaim(eventId, claimId);
    }

    @Override
    public long counted(long eventId, int limit) {
        return store.claims(eventId);
    }
}
