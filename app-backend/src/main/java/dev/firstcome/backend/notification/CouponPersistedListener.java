package dev.firstcome.backend.notification;

import dev.firstcome.model.CouponPersisted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * One notice per persisted coupon. The coupon's {@code notified_at} is claimed before sending, so a
 * redelivered record never sends twice; a failed send gives the claim back and is retried.
 */
@Component
class CouponPersistedListener {

    static final String ID = "firstcome-notifications";

    private static final Logger log = LoggerFactory.getLogger(CouponPersistedListener.class);

    private final NoticeClaims claims;
    private final NotificationSender sender;

    CouponPersistedListener(NoticeClaims claims, ObjectProvider<NotificationSender> senders) {
        this.claims = claims;
        this.sender = senders.orderedStream().findFirst().orElseGet(LoggingNotificationSender::new);
    }

    @KafkaListener(
            id = ID,
            topics = "#{@firstComeNames.notificationsTopic()}",
            groupId = "#{@firstComeNames.notificationsGroup()}",
            containerFactory = NotificationConfiguration.CONTAINER_FACTORY)
    void onCoupon(CouponPersisted coupon) {
        if (coupon == null) {
            log.error("A notification record could not be read; skipped");
            return;
        }
        if (!claims.claim(coupon.eventId(), coupon.userId())) {
            log.debug("Coupon of user {} in event {} was already notified", coupon.userId(), coupon.eventId());
            return;
        }
        try {
            sender.send(coupon);
        } catch (RuntimeException e) {
            claims.release(coupon.eventId(), coupon.userId());
            throw e;
        }
    }
}
