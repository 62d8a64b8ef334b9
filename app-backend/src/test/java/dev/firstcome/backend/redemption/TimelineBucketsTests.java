package dev.firstcome.backend.redemption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firstcome.backend.infra.web.InvalidRequestException;
import dev.firstcome.model.CouponStatus;
import dev.firstcome.model.RedemptionBucket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineBucketsTests {

    private static final Instant NINE = Instant.parse("2030-01-01T09:00:00Z");

    @Test
    void theAutomaticBucketIsTheShortestGivingAtMostAHundredAndTwenty() {
        assertThat(TimelineBuckets.choose(NINE, NINE.plusSeconds(90))).isEqualTo(Duration.ofSeconds(10));
        assertThat(TimelineBuckets.choose(NINE, NINE.plus(Duration.ofMinutes(30))))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(TimelineBuckets.choose(NINE, NINE.plus(Duration.ofHours(9)))).isEqualTo(Duration.ofMinutes(5));
        assertThat(TimelineBuckets.choose(NINE, NINE.plus(Duration.ofDays(3)))).isEqualTo(Duration.ofHours(1));
        assertThat(TimelineBuckets.choose(NINE, NINE.plus(Duration.ofDays(400))))
                .isEqualTo(Duration.ofDays(7));
    }

    @Test
    void bucketsAreAlignedAndEveryTransitionAfterTheFirstIssueCountsInItsBucket() {
        var buckets = new TimelineBuckets(
                Instant.parse("2030-01-01T09:10:00Z"), Instant.parse("2030-01-01T11:05:00Z"), Duration.ofHours(1));
        buckets.add(null, CouponStatus.ISSUED, Instant.parse("2030-01-01T09:10:00Z"));
        buckets.add(CouponStatus.ISSUED, CouponStatus.REDEEMED, Instant.parse("2030-01-01T09:59:59Z"));
        buckets.add(CouponStatus.ISSUED, CouponStatus.REDEEMED, Instant.parse("2030-01-01T10:00:00Z"));
        buckets.add(CouponStatus.REDEEMED, CouponStatus.ISSUED, Instant.parse("2030-01-01T10:30:00Z"));
        buckets.add(CouponStatus.REDEEMED, CouponStatus.EXPIRED, Instant.parse("2030-01-01T11:00:00Z"));
        buckets.add(CouponStatus.ISSUED, CouponStatus.EXPIRED, Instant.parse("2030-01-01T12:30:00Z"));

        assertThat(buckets.start()).isEqualTo(Instant.parse("2030-01-01T09:00:00Z"));
        assertThat(buckets.end()).isEqualTo(Instant.parse("2030-01-01T12:00:00Z"));
        assertThat(buckets.buckets())
                .containsExactly(
                        new RedemptionBucket(Instant.parse("2030-01-01T09:00:00Z"), 1, 0, 0),
                        new RedemptionBucket(Instant.parse("2030-01-01T10:00:00Z"), 1, 1, 0),
                        // a release past the validity is a release and an expiry; a late one counts in the last
                        new RedemptionBucket(Instant.parse("2030-01-01T11:00:00Z"), 0, 1, 2));
    }

    @Test
    void aBucketOutsideTenSecondsToSevenDaysOrGivingTooManyIsRefusedNamingIt() {
        for (Duration bad :
                List.of(Duration.ofSeconds(9), Duration.ofDays(8), Duration.ofMillis(10_500), Duration.ofHours(-1))) {
            assertThatThrownBy(() -> TimelineBuckets.requireValid(bad))
                    .isInstanceOf(InvalidRequestException.class)
                    .extracting(e -> ((InvalidRequestException) e).field())
                    .isEqualTo("bucket");
        }
        TimelineBuckets.requireValid(Duration.ofMinutes(1));
        TimelineBuckets.requireFew(NINE, NINE.plus(Duration.ofHours(5)), Duration.ofSeconds(10));
        assertThatThrownBy(
                        () -> TimelineBuckets.requireFew(NINE, NINE.plus(Duration.ofHours(6)), Duration.ofSeconds(10)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("2161 buckets");
    }
}
