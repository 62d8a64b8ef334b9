package dev.firstcome.backend.notification;

import dev.firstcome.model.CouponPersisted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default sender: one log line per notice. */
class LoggingNotificationSender implements NotificationSender {

    private static final Logger log = LoggerFactory.getLogger(LoggingNotificationSender.class);

    @Override
    public void send(CouponPersisted coupon) {
        log.info(
                "Notice: user {} won coupon #{} of event {} (persisted {})",
                coupon.userId(),
                coupon.rank(),
                coupon.eventId(),
                coupon.persistedAt());
    }
}
