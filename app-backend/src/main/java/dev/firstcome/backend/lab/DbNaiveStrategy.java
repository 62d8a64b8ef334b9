package dev.firstcome.backend.lab;

import dev.firstcome.model.ApplyOutcome;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code db-naive}, the race the sources start from: read the counter, check it, check the user,
 * write the counter back as read + 1 and insert the claim, each statement on its own (autocommit).
 * Concurrent requests read the same value: the event oversells, the counter loses updates ("10
 * updates ending at 2") and one user can win twice. Unsafe on purpose. Total limit only.
 */
@Component
class DbNaiveStrategy extends DbLabStrategy {

    static final String NAME = "db-naive";

    DbNaiveStrategy(LabStockStore store, TransactionTemplate transactions) {
        super(NAME, store, transactions);
    }

    @Override
    Decision decide(long eventId, int limit, String userId, Instant now) {
        int issued = store.issued(eventId);
        if (issued >= limit) {
            return Decision.refused(ApplyOutcome.SOLD_OUT);
        }
        if (store.claimed(eventId, userId)) {
            return Decision.refused(ApplyOutcome.ALREADY_APPLIED);
        }
        store.setIssued(eventId, issued + 1);
        return issue(eventId, userId, issued + 1, now);
    }

    /** Naive to the end: two statements, no transaction. */
    @Override
    public void undo(EventLimits event, String userId, LocalDate day, Decision decision) {
        store.unclaim(event.eventId(), decision.admissionId());
        store.decrement(event.eventId());
    }
}
