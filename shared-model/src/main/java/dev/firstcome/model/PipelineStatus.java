package dev.firstcome.model;

import java.util.List;

/** The issuance consumer group's lag per partition, with the recent persist rate and a trend status. */
public record PipelineStatus(
        String consumerGroup,
        String topic,
        long totalLag,
        double persistRatePerSecond,
        double lagSeconds,
        LagStatus status,
        List<PartitionLag> partitions) {}
