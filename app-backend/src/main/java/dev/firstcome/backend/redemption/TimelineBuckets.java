package dev.firstcome.backend.redemption;

import dev.firstcome.backend.infra.web.InvalidRequestException;
import dev.firstcome.model.CouponStatus;
import dev.firstcome.model.RedemptionBucket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts an event's coupon transitions per bucket of time: redeemed (to REDEEMED), released (from
 * REDEEMED) and expired (to EXPIRED, by the expiry job or by a release past the validity). Buckets are
 * aligned to multiples of their length since the epoch (UTC), from the bucket holding {@code from} to the
 * bucket holding {@code to}; a transition outside that range counts in the nearest bucket.
 */
final class TimelineBuckets {

    static final Duration MIN_BUCKET = Duration.ofSeconds(10);
    static final Duration MAX_BUCKET = Duration.ofDays(7);
    /** An automatic bucket gives at most this many buckets (a chart's worth). */
    static final int AUTO_BUCKETS = 120;
    /** An explicit bucket may give at most this many. */
    static final int MAX_BUCKETS = 2000;

    /** The automatic bucket is the shortest of these that gives at most {@link #AUTO_BUCKETS}. */
    static final List<Duration> LADDER = List.of(
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            Duration.ofMinutes(1),
            Duration.ofMinutes(5),
            Duration.ofMinutes(15),
            Duration.ofHours(1),
            Duration.ofHours(3),
            Duration.ofHours(6),
            Duration.ofHours(12),
            Duration.ofDays(1),
            Duration.ofDays(7));

    private final long seconds;
    private final long first;
    private final long[][] counts;

    TimelineBuckets(Instant from, Instant to, Duration bucket) {
        this.seconds = bucket.toSeconds();
        this.first = floor(from.getEpochSecond(), seconds);
        this.counts = new long[count(from, to, bucket)][3];
    }

    /** The shortest bucket of the {@link #LADDER} giving at most {@link #AUTO_BUCKETS} from {@code from} to {@code to}. */
    static Duration choose(Instant from, Instant to) {
        for (Duration bucket : LADDER) {
            if (count(from, to, bucket) <= AUTO_BUCKETS) {
                return bucket;
            }
        }
        return LADDER.getLast();
    }

    /** How many buckets from the one holding {@code from} to the one holding {@code to}. */
    static int count(Instant from, Instant to, Duration bucket) {
        long s = bucket.toSeconds();
        long n = (floor(to.getEpochSecond(), s) - floor(from.getEpochSecond(), s)) / s + 1;
        return (int) Math.min(Math.max(n, 1), Integer.MAX_VALUE);
    }

    /** Refuses a bucket that is not whole seconds within [10 s, 7 days] (400 naming {@code bucket}). */
    static void requireValid(Duration bucket) {
        if (bucket.isNegative()
                || bucket.compareTo(MIN_BUCKET) < 0
                || bucket.compareTo(MAX_BUCKET) > 0
                || bucket.getNano() != 0) {
            throw new InvalidRequestException(
                    "bucket", "bucket must be whole seconds from PT10S to P7D (e.g. PT1M, PT1H, P1D), got " + bucket);
        }
    }

    /** Refuses a bucket that would give more than {@link #MAX_BUCKETS} from {@code from} to {@code to}. */
    static void requireFew(Instant from, Instant to, Duration bucket) {
        int n = count(from, to, bucket);
        if (n > MAX_BUCKETS) {
            throw new InvalidRequestException(
                    "bucket",
                    "bucket " + bucket + " gives " + n + " buckets from the event's first coupon until now; at most "
                            + MAX_BUCKETS + ": choose a longer bucket");
        }
    }

    /** Counts one transition (the first ISSUED of a coupon, with no {@code from}, counts nothing). */
    void add(CouponStatus from, CouponStatus to, Instant at) {
        if (from == null) {
            return;
        }
        long[] bucket = counts[index(at)];
        if (to == CouponStatus.REDEEMED) {
            bucket[0]++;
        }
        if (from == CouponStatus.REDEEMED) {
            bucket[1]++;
        }
        if (to == CouponStatus.EXPIRED) {
            bucket[2]++;
        }
    }

    /** The first bucket's start. */
    Instant start() {
        return Instant.ofEpochSecond(first);
    }

    /** The end of the last bucket. */
    Instant end() {
        return Instant.ofEpochSecond(first + counts.length * seconds);
    }

    List<RedemptionBucket> buckets() {
        List<RedemptionBucket> out = new ArrayList<>(counts.length);
        for (int i = 0; i < counts.length; i++) {
            out.add(new RedemptionBucket(
                    Instant.ofEpochSecond(first + i * seconds), counts[i][0], counts[i][1], counts[i][2]));
        }
        return out;
    }

    private int index(Instant at) {
        long i = (floor(at.getEpochSecond(), seconds) - first) / seconds;
        return (int) Math.max(0, Math.min(counts.length - 1, i));
    }

    private static long floor(long epochSecond, long bucketSeconds) {
        return Math.floorDiv(epochSecond, bucketSeconds) * bucketSeconds;
    }
}
