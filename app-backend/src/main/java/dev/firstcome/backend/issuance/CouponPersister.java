package dev.firstcome.backend.issuance;

import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.model.CouponAdmitted;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes admissions as coupon rows: one transaction, one insert statement that ignores existing
 * rows, retried with back-off on failure; {@link CouponsInserted} is published within it. After the
 * commit: the persisted counter and the CouponPersisted notifications for the rows actually inserted.
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
    private final ApplicationEventPublisher events;

    CouponPersister(
            CouponRepository coupons,
            IssuanceTransactions transactions,
            FirstComeProperties properties,
            MeterRegistry meters,
            ObjectProvider<Clock> clock,
            CouponPersistedPublisher publisher,
            ApplicationEventPublisher events) {
        this.coupons = coupons;
        this.tx = transactions.template();
        this.settings = properties.issuance();
        this.persistedCounter = Counter.builder("firstcome.issuance.persisted")
                .description("Coupon rows inserted by the issuance consumer and reissue")
                .baseUnit("coupons")
                .register(meters);
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.publisher = publisher;
        this.events = events;
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
        var retry = new RetryTemplate(RetryPolicy.builder()
                .maxRetries(settings.retryAttempts())
                .delay(settings.retryBackoff())
                .multiplier(2)
                .includes(DataAccessException.class)
                .build());
        retry.setRetryListener(new RetryListener() {
            @Override
            public void onRetryFailure(RetryPolicy policy, Retryable<?> retryable, Throwable failure) {
                log.warn(
                        "Persisting {} coupons failed, retrying (at most {} retries, back-off from {} ms): {}",
                        admissions.size(),
                        settings.retryAttempts(),
                        settings.retryBackoff().toMillis(),
                        failure instanceof DataAccessException e
                                ? e.getMostSpecificCause().getMessage()
                                : failure.getMessage());
            }
        });
        try {
            return retry.execute(() -> persistOnce(admissions));
        } catch (RetryException e) {
            if (e.getLastException() instanceof RuntimeException last) {
                throw last;
            }
            throw new IllegalStateException("persisting " + admissions.size() + " coupons failed", e);
        }
    }

    /** One transaction; after the commit the counter and the notifications. */
    List<CouponAdmitted> persistOnce(List<CouponAdmitted> admissions) {
        if (admissions.isEmpty()) {
            return List.of();
        }
        Instant persistedAt = now();
        List<CouponAdmitted> inserted = tx.execute(status -> insert(admissions, persistedAt));
        afterCommit(inserted, persistedAt);
        return inserted;
    }

    /**
     * Inserts the admissions, ignoring existing rows, and publishes {@link CouponsInserted} for the rows
     * inserted, so the features that keep a row per coupon (redemption's status) write it in this
     * transaction. Must run inside one of {@link IssuanceTransactions}' transactions.
     */
    List<CouponAdmitted> insert(List<CouponAdmitted> admissions, Instant persistedAt) {
        List<IssuedCoupon> rows = coupons.insertIgnoringExisting(admissions, persistedAt);
        if (rows.isEmpty()) {
            return List.of();
        }
        events.publishEvent(new CouponsInserted(rows));
        Set<CouponRepository.Key> keys = new HashSet<>(rows.size() * 2);
        for (IssuedCoupon row : rows) {
            keys.add(new CouponRepository.Key(row.eventId(), row.userId()));
        }
        return admissions.stream()
                .filter(a -> keys.contains(new CouponRepository.Key(a.eventId(), a.userId())))
                .toList();
    }

    /** The counter and notifications for rows committed by someone else in this feature (reissue). */
    void afterCommit(List<CouponAdmitted> inserted, Instant persistedAt) {
        if (!inserted.isEmpty()) {
            persistedCounter.increment(inserted.size());
            publisher.publish(inserted, persistedAt);
        }
    }
}
