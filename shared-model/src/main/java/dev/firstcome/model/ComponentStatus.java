package dev.firstcome.model;

/** One infrastructure component (redis, kafka, database): whether it answers, embedded or external, and where. */
public record ComponentStatus(String name, boolean up, String mode, String address, String detail) {}
