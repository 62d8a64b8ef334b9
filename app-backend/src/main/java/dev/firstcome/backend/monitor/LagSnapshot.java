package dev.firstcome.backend.monitor;

import dev.firstcome.model.PartitionLag;
import java.util.List;

/**
 * One AdminClient reading of a consumer group's lag on a topic, partition by partition; {@code records}:
 * how many records the topic holds (end minus log start, summed over its partitions).
 */
record LagSnapshot(String topic, String group, List<PartitionLag> partitions, long records, long nanos) {

    long totalLag() {
        return partitions.stream().mapToLong(PartitionLag::lag).sum();
    }

    /** Lag of one partition: end offset minus committed offset (or the log start when nothing is committed). */
    static long lagOf(long endOffset, long committedOffset) {
        return Math.max(0, endOffset - committedOffset);
    }
}
