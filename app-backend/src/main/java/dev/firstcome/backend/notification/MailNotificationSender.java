package dev.firstcome.backend.notification;

import dev.firstcome.model.CouponPersisted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Sends the notices by e-mail. The user id is the address when it looks like one; other users have
 * no address and their notice is only logged.
 */
class MailNotificationSender implements NotificationSender {

    private static final Logger log = LoggerFactory.getLogger(MailNotificationSender.class);

    private final JavaMailSender mail;
    private final String from;

    MailNotificationSender(JavaMailSender mail, String from) {
        this.mail = mail;
        this.from = from;
    }

    @Override
    public void send(CouponPersisted coupon) {
        String to = coupon.userId();
        if (!isAddress(to)) {
            log.info("User {} has no e-mail address; coupon of event {} not mailed", to, coupon.eventId());
            return;
        }
        mail(
                to,
                "Your coupon for event " + coupon.eventId(),
                "Congratulations! You won coupon #" + coupon.rank() + " of event " + coupon.eventId()
                        + ".\nIt was issued at " + coupon.persistedAt() + ".\n");
    }

    @Override
    public void send(OrderNotice notice) {
        String to = notice.userId();
        if (!isAddress(to)) {
            log.debug("User {} has no e-mail address; order {} {} not mailed", to, notice.orderId(), notice.state());
            return;
        }
        mail(to, "Your order " + notice.orderId() + ": " + headline(notice), body(notice));
    }

    private static String headline(OrderNotice notice) {
        return switch (notice.state()) {
            case CREATED -> "received";
            case STOCK_RESERVED -> "items reserved";
            case COUPON_REDEEMED -> "coupon applied";
            case PAID -> "paid";
            case SHIPPED -> "shipped";
            case FAILED -> "could not be completed";
        };
    }

    private static String body(OrderNotice notice) {
        var text = new StringBuilder(
                "Your order " + notice.orderId() + " " + headline(notice) + " at " + notice.at() + ".\n");
        if (notice.amount() != null) {
            text.append("Amount: ").append(notice.amount());
            if (notice.discount() != null && notice.discount() > 0) {
                text.append(", coupon discount: ").append(notice.discount());
            }
            text.append(".\n");
        }
        if (notice.reason() != null) {
            text.append("Reason: ")
                    .append(notice.reason())
                    .append(". Any charge is refunded, and your coupon and items are returned.\n");
        }
        return text.toString();
    }

    private void mail(String to, String subject, String text) {
        var message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to);
        message.setSubject(subject);
        message.setText(text);
        mail.send(message);
    }

    private static boolean isAddress(String userId) {
        return userId.indexOf('@') > 0 && !userId.endsWith("@");
    }
}
