package dev.firstcome.backend.lab;

import dev.firstcome.backend.admission.AdmissionStrategy;
import dev.firstcome.model.ApplyOutcome;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The skeleton the database strategies share: the event's stock row is created once, then the
 * strategy decides on the total limit alone (lab database strategies ignore the daily limit); an ISSUED
 * decision is a claim row whose id is the admission id; undo gives the unit back and deletes the claim
 * in one transaction. The count a rush compares with its ISSUED answers is the stock row's counter.
 */
abstract class DbLabStrategy implements AdmissionStrategy, LabCounted {

    private final String name;
    final LabStockStore store;
    final TransactionTemplate transactions;

    DbLabStrategy(String name, LabStockStore store, TransactionTemplate transactions) {
        this.name = name;
        this.store = store;
        this.transactions = transactions;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Decision admit(EventLimits event, String userId, LocalDate day, Instant now) {
        store.ensureStock(event.eventId());
        return decide(event.eventId(), event.totalQuantity(), userId, now);
    }

    /** Decides one apply once the event's stock row exists; {@code limit} is the event's total. */
    abstract Decision decide(long eventId, int limit, String userId, Instant now);

    @Override
    public void undo(EventLimits event, String userId, LocalDate day, Decision decision) {
        transactions.executeWithoutResult(status -> giveBack(event.eventId(), decision.admissionId()));
    }

    /** Inside undo's transaction: one unit back, the claim gone. */
    void giveBack(long eventId, long claimId) {
        store.decrement(eventId);
        store.unclaim(eventId, claimId);
    }

    /** The stock row's counter (db-naive's lost updates show here: fewer than the claims). */
    @Override
    public long counted(long eventId, int limit) {
        return store.issued(eventId);
    }

    /** Records the claim of the {@code rank}-th unit and answers ISSUED with the claim id as admission id. */
    final Decision issue(long eventId, String userId, long rank, Instant now) {
        long claimId = store.claim(eventId, userId, rank, now);
        return new Decision(ApplyOutcome.ISSUED, rank, claimId);
    }
}
