package dev.firstcome.backend.notification;

import dev.firstcome.backend.issuance.IssuanceApi;
import dev.firstcome.model.CouponPersisted;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * One notice per persisted coupon. The coupons' {@code notified_at} are claimed before sending, one
 * transaction per batch, so a redelivered record never sends twice; a failed send gives its claim (and
 * the batch's later ones) back and the batch is retried.
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
            containerFactory = NotificationConfiguration.CONTAINER_FACTORY,
            batch = "true")
    void onCoupons(List<CouponPersisted> coupons) {
        List<CouponPersisted> readable = new ArrayList<>(coupons.size());
        for (CouponPersisted coupon : coupons) {
            if (coupon == null) {
                log.error("A notification record could not be read; skipped");
            } else {
                readable.add(coupon);
            }
        }
        // one claim per batch (one transaction): a redelivered coupon is already claimed and left out
        List<CouponPersisted> claimed = issuance.claimNotifications(readable);
        for (int i = 0; i < claimed.size(); i++) {
            CouponPersisted coupon = claimed.get(i);
            try {
                sender.send(coupon);
            } catch (RuntimeException | Error e) {
                // give back this claim and every later one of the batch, so the redelivery sends them (an
                // Error too: a StackOverflowError in a template or a LinkageError in a mail library would
                // otherwise leave claims no send followed, and no sweep looks at claimed coupons)
                for (CouponPersisted unsent : claimed.subList(i, claimed.size())) {
                    issuance.releaseNotification(unsent.eventId(), unsent.userId());
                }
                throw e;
            }
        }
    }
}
