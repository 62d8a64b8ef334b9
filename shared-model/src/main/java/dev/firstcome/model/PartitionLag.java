package dev.firstcome.model;

/** Consumer lag of one partition: end offset minus the group's committed offset. */
public record PartitionLag(String topic, int partition, long endOffset, long committedOffset, long lag) {}
