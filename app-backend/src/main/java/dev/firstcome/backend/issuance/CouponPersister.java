package dev.firstcome.backend.issuance;

import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.model.CouponAdmitted;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes admissions as coupon rows: one transaction, one insert statement that ignores existing
 * rows, retried with back-off on failure. After the commit: the persisted counter and the
 * CouponPersisted notifications for the rows actually inserted.
 */
@Component
class CouponPersister {

    private static final Logger log = LoggerFactory.getLogger(CouponPersister.class);

    private final CouponRepository coupons;
    private final TransactionTemplate tx;
    private final FirstComeProperties.Issuance settings;
    private final Counter persistedCounter;
    private final Clock clock;
    private final CouponPersistedPublisher publisher;

    CouponPersister(
            CouponRepository coupons,
            IssuanceTransactions transactions,
            FirstComeProperties properties,
            MeterRegistry meters,
            ObjectProvider<Clock> clock,
            CouponPersistedPublisher publisher) {
        this.coupons = coupons;
        this.tx = transactions.template();
        this.settings = properties.issuance();
        this.persistedCounter = Counter.builder("firstcome.issuance.persisted")
                .description("Coupon rows inserted by the issuance consumer and reissue")
                .baseUnit("coupons")
                .register(meters);
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.publisher = publisher;
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Persists the admissions (distinct (event, user) pairs) in one transaction, retrying up to
     * {@code retryAttempts} times with exponential back-off. Returns the inserted admissions;
     * throws the last failure when every attempt failed.
     */
    List<CouponAdmitted> persistWithRetry(List<CouponAdmitted> admissions) {
        Duration backoff = settings.retryBackoff();
        for (int attempt = 0; ; attempt++) {
            try {
                return persistOnce(admissions);
            } catch (DataAccessException e) {
                if (attempt >= settings.retryAttempts()
                        || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                log.warn(
                        "Persisting {} coupons failed (attempt {} of {}), retrying in {} ms: {}",
                        admissions.size(),
                        attempt + 1,
                        settings.retryAttempts() + 1,
                        backoff.toMillis(),
                        e.getMostSpecificCause().getMessage());
                pause(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    /** One transaction; after the commit the counter and the notifications. */
    List<CouponAdmitted> persistOnce(List<CouponAdmitted> admissions) {
        if (admissions.isEmpty()) {
            return List.of();
        }
        Instant persistedAt = now();
        List<CouponAdmitted> inserted = tx.execute(status -> coupons.insertIgnoringExisting(admissions, persistedAt));
        afterCommit(inserted, persistedAt);
        return inserted;
    }

    /** The counter and notifications for rows committed by someone else in this feature (reissue). */
    void afterCommit(List<CouponAdmitted> inserted, Instant persistedAt) {
        if (!inserted.isEmpty()) {
            persistedCounter.increment(inserted.size());
            publisher.publish(inserted, persistedAt);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
