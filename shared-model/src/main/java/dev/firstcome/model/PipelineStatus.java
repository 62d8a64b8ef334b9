package dev.firstcome.model;

import java.util.List;

/**
 * The issuance consumer group's lag per partition, with the recent persist rate and a trend status; every
 * other consumer group of the pipeline with its lag ({@code groups}), and how many records the dead-letter
 * topic holds ({@code deadLetterRecords}, -1 when unknown).
 */
public record PipelineStatus(
        String consumerGroup,
        String topic,
        long totalLag,
        double persistRatePerSecond,
        double lagSeconds,
        LagStatus status,
        List<PartitionLag> partitions,
        List<GroupLag> groups,
        long deadLetterRecords) {}
