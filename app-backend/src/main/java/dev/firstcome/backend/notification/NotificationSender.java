package dev.firstcome.backend.notification;

import dev.firstcome.model.CouponPersisted;

/**
 * Sends one winner notice. Logging by default, SMTP when {@code spring.mail.host} is configured;
 * any other bean of this type replaces both. Throwing means "not sent": the notice is released and
 * the record redelivered.
 */
public interface NotificationSender {

    void send(CouponPersisted coupon);
}
