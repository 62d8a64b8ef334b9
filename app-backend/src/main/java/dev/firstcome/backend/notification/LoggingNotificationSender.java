package dev.firstcome.backend.notification;

import dev.firstcome.model.CouponPersisted;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default sender: each notice at DEBUG, and at INFO one line at most every 10 s saying how many were
 * sent since the last one. One INFO line per coupon wrote 154 MB of log for 650,000 coupons in one
 * {@code bench/cpu-per-coupon.sh} run, and the notification consumer's thread spent 5.5 us per coupon against
 * 2.1 us with this (docs/benchmarks.md, "CPU per coupon"); a real sender (mail, push) replaces this one anyway.
 */
class LoggingNotificationSender implements NotificationSender {

    private static final Logger log = LoggerFactory.getLogger(LoggingNotificationSender.class);
    static final long SUMMARY_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final LongSupplier nanoTime;
    private final AtomicLong sinceSummary = new AtomicLong();
    private final AtomicLong lastSummary;

    LoggingNotificationSender() {
        this(System::nanoTime);
    }

    LoggingNotificationSender(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.lastSummary = new AtomicLong(nanoTime.getAsLong());
    }

    @Override
    public void send(CouponPersisted coupon) {
        if (log.isDebugEnabled()) {
            log.debug(
                    "Notice: user {} won coupon #{} of event {} (persisted {})",
                    coupon.userId(),
                    coupon.rank(),
                    coupon.eventId(),
                    coupon.persistedAt());
        }
        String summary = countAndSummarise(coupon);
        if (summary != null) {
            log.info(summary);
        }
    }

    @Override
    public void send(OrderNotice notice) {
        if (log.isDebugEnabled()) {
            log.debug("Notice: {}", describe(notice));
        }
        String summary = countAndSummarise(() -> describe(notice));
        if (summary != null) {
            log.info(summary);
        }
    }

    private static String describe(OrderNotice notice) {
        return "user " + notice.userId() + "'s order " + notice.orderId() + " " + notice.state()
                + (notice.reason() == null ? "" : " (" + notice.reason() + ")");
    }

    /** Counts the notice; once 10 s have passed since the last summary, the summary line (null otherwise). */
    String countAndSummarise(CouponPersisted coupon) {
        return countAndSummarise(
                () -> "user " + coupon.userId() + " won coupon #" + coupon.rank() + " of event " + coupon.eventId());
    }

    private String countAndSummarise(java.util.function.Supplier<String> last) {
        sinceSummary.incrementAndGet();
        long previous = lastSummary.get();
        long now = nanoTime.getAsLong();
        if (now - previous < SUMMARY_EVERY_NANOS || !lastSummary.compareAndSet(previous, now)) {
            return null;
        }
        return "Notices: " + sinceSummary.getAndSet(0) + " sent in the last "
                + TimeUnit.NANOSECONDS.toSeconds(now - previous) + " s (last: " + last.get() + ")";
    }
}
