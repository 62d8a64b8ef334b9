package dev.firstcome.backend.notification;

import dev.firstcome.model.CouponPersisted;

/**
 * Sends one customer notice: a won coupon, or an order's step. Logging by default, SMTP when
 * {@code spring.mail.host} is configured; any other bean of this type replaces both. Throwing means "not
 * sent": the notice is released and the record redelivered.
 */
public interface NotificationSender {

    void send(CouponPersisted coupon);

    /** An order reached a step of the checkout flow. A sender that only knows coupon notices logs it (DEBUG). */
    default void send(OrderNotice notice) {
        org.slf4j.LoggerFactory.getLogger(NotificationSender.class)
                .debug("Order {} {}: no order notices with this sender", notice.orderId(), notice.state());
    }
}
