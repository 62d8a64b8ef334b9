package dev.firstcome.backend.lab;

import dev.firstcome.backend.admission.AdmissionUnavailableException;
import dev.firstcome.model.ApplyOutcome;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.OptimisticLockException;
import java.time.Instant;
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
class DbOptimisticStrategy extends DbLabStrategy {

    static final String NAME = "db-optimistic";
    static final int MAX_ATTEMPTS = 500;

    private final EntityManager entityManager;

    DbOptimisticStrategy(
            EntityManagerFactory entityManagerFactory, LabStockStore store, TransactionTemplate transactions) {
        super(NAME, store, transactions);
        this.entityManager = SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory);
    }

    @Override
    Decision decide(long eventId, int limit, String userId, Instant now) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                return transactions.execute(status -> attempt(eventId, limit, userId, now));
            } catch (OptimisticLockingFailureException | OptimisticLockException conflict) {
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(50_000, 1_000_000));
            }
        }
        throw new AdmissionUnavailableException(
                "db-optimistic gave up after " + MAX_ATTEMPTS + " version conflicts; nothing was changed");
    }

    private Decision attempt(long eventId, int limit, String userId, Instant now) {
        LabStockEntity stock = entityManager.find(LabStockEntity.class, eventId);
        if (store.claimed(eventId, userId)) {
            return Decision.refused(ApplyOutcome.ALREADY_APPLIED);
        }
        if (stock.issued() >= limit) {
            return Decision.refused(ApplyOutcome.SOLD_OUT);
        }
        stock.take();
        entityManager.flush();
        return issue(eventId, userId, stock.issued(), now);
    }
}
