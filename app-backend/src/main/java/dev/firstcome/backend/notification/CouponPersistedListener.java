package dev.firstcome.backend.notification;

import dev.firstcome.backend.issuance.IssuanceApi;
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

    private final IssuanceApi issuance;
    private final NotificationSender sender;

    CouponPersistedListener(IssuanceApi issuance, ObjectProvider<NotificationSender> senders) {
        this.issuance = issuance;
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
        if (!issuance.claimNotification(coupon.eventId(), coupon.userId())) {
            log.debug("Coupon of user {} in event {} was already notified", coupon.userId(), coupon.eventId());
            return;
        }
        try {
            sender.send(coupon);
        } catch (RuntimeException e) {
            issuance.releaseNotification(coupon.eventId(), coupon.userId());
            throw e;
        }
    }
}
