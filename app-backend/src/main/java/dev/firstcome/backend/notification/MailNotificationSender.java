package dev.firstcome.backend.notification;

import dev.firstcome.model.CouponPersisted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Sends the notice by e-mail. The user id is the address when it looks like one; other users have
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
        if (to.indexOf('@') <= 0 || to.endsWith("@")) {
            log.info("User {} has no e-mail address; coupon of event {} not mailed", to, coupon.eventId());
            return;
        }
        var message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to);
        message.setSubject("Your coupon for event " + coupon.eventId());
        message.setText("Congratulations! You won coupon #" + coupon.rank() + " of event " + coupon.eventId()
                + ".\nIt was issued at " + coupon.persistedAt() + ".\n");
        mail.send(message);
    }
}
