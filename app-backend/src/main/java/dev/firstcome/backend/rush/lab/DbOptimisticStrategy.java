package dev.firstcome.backend.rush.lab;

import dev.firstcome.backend.admission.AdmissionStrategy;
import dev.firstcome.backend.admission.AdmissionUnavailableException;
import dev.firstcome.model.ApplyOutcome;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.OptimisticLockException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code db-optimistic}: read the stock entity, check, increment and flush; JPA's {@code @Version}
 * makes the flush fail when another request changed the row since the read, and the whole attempt is
 * retried (bounded, with a small random back-off). Correct, but under a rush most attempts conflict:
 * the retries are the cost. Total limit only.
 */
@Component
class DbOptimisticStrategy implements AdmissionStrategy {

    static final String NAME = "db-optimistic";
    static final int MAX_ATTEMPTS = 500;

    private final EntityManager entityManager;
    private final LabStockStore store;
    private final TransactionTemplate transactions;

    DbOptimisticStrategy(
            EntityManagerFactory entityManagerFactory, LabStockStore store, TransactionTemplate transactions) {
        this.entityManager = SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory);
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
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                return transactions.execute(status -> attempt(event, userId, now));
            } catch (OptimisticLockingFailureException | OptimisticLockException conflict) {
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(50_000, 1_000_000));
            }
        }
        throw new AdmissionUnavailableException(
                "db-optimistic gave up after " + MAX_ATTEMPTS + " version conflicts; nothing was changed");
    }

    private Decision attempt(EventLimits event, String userId, Instant now) {
        long id = event.eventId();
        LabStockEntity stock = entityManager.find(LabStockEntity.class, id);
        if (store.claimed(id, userId)) {
            return Decision.refused(ApplyOutcome.ALREADY_APPLIED);
        }
        if (stock.issued() >= event.totalQuantity()) {
            return Decision.refused(ApplyOutcome.SOLD_OUT);
        }
        stock.take();
        entityManager.flush();
        long claimId = store.claim(id, userId, stock.issued(), now);
        return new Decision(ApplyOutcome.ISSUED, stock.issued(), claimId);
    }

    @Override
    public void undo(EventLimits event, String userId, LocalDate day, Decision decision) {
        transactions.executeWithoutResult(status -> {
            store.decrement(event.eventId());
            store.unclaim(event.eventId(), decision.admissionId());
        });
    }
}
