package dev.firstcome.model;

/** What heal did: admissions republished to Kafka, users restored into Redis from the database. */
public record HealReport(long eventId, int republished, int restoredToRedis) {}
