package dev.firstcome.backend.issuance;

import dev.firstcome.backend.infra.FirstComeNames;
import dev.firstcome.model.CouponAdmitted;
import dev.firstcome.model.CouponPersisted;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Announces committed coupon rows on the notifications topic. Sent after the database commit;
 * asynchronous (a failed send is logged: the coupon itself is safe, and {@link LostNoticeSweeper}
 * announces it again).
 */
@Component
class CouponPersistedPublisher {

    private static final Logger log = LoggerFactory.getLogger(CouponPersistedPublisher.class);

    private final IssuanceKafka kafka;
    private final FirstComeNames names;

    CouponPersistedPublisher(IssuanceKafka kafka, FirstComeNames names) {
        this.kafka = kafka;
        this.names = names;
    }

    void publish(List<CouponAdmitted> inserted, Instant persistedAt) {
        for (CouponAdmitted a : inserted) {
            announce(new CouponPersisted(a.eventId(), a.userId(), a.rank(), a.admissionId(), persistedAt));
        }
    }

    /**
     * Announces coupons again whose first announcement was lost (the notice claim keeps it to one
     * notice); completes when the broker acknowledged every one, exceptionally when one failed.
     */
    CompletableFuture<Void> republish(List<CouponPersisted> coupons) {
        return CompletableFuture.allOf(coupons.stream().map(this::announce).toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<?> announce(CouponPersisted persisted) {
        return kafka.template()
                .send(names.notificationsTopic(), Long.toString(persisted.eventId()), persisted)
                .whenComplete((result, error) -> {
                    if (error != null) {
                        log.warn(
                                "Could not announce the coupon of user {} in event {}: {}",
                                persisted.userId(),
                                persisted.eventId(),
                                error.getMessage());
                    }
                });
    }
}
