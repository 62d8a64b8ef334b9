package dev.firstcome.backend.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.model.CouponPersisted;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoggingNotificationSenderTests {

    private final AtomicLong now = new AtomicLong(1_000);
    private final LoggingNotificationSender sender = new LoggingNotificationSender(now::get);

    private static CouponPersisted coupon(long rank) {
        return new CouponPersisted(7, "u" + rank, rank, rank, Instant.EPOCH);
    }

    @Test
    void oneSummaryLineEveryTenSecondsCountsEveryNoticeSinceTheLastOne() {
        for (int i = 1; i <= 1_000; i++) {
            assertThat(sender.countAndSummarise(coupon(i)))
                    .as("no line per notice")
                    .isNull();
        }
        now.addAndGet(TimeUnit.SECONDS.toNanos(10));

        assertThat(sender.countAndSummarise(coupon(1_001)))
                .isEqualTo("Notices: 1001 sent in the last 10 s (last: user u1001 won coupon #1001 of event 7)");
        assertThat(sender.countAndSummarise(coupon(1_002)))
                .as("the next 10 s start now")
                .isNull();
        now.addAndGet(TimeUnit.SECONDS.toNanos(12));
        assertThat(sender.countAndSummarise(coupon(1_003))).startsWith("Notices: 2 sent in the last 12 s");
    }
}
