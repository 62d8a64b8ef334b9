package dev.firstcome.model;

import java.time.Instant;
import java.util.List;

/**
 * An event's coupons over time: buckets of {@code bucketSeconds} from {@code from} (the bucket of its first
 * coupon's issue) to {@code to} (the end of the bucket holding now), oldest first, empty buckets included.
 * No buckets, and null {@code from} and {@code to}, while the event has no coupon.
 */
public record RedemptionTimeline(
        long eventId, long bucketSeconds, Instant from, Instant to, List<RedemptionBucket> buckets) {}
