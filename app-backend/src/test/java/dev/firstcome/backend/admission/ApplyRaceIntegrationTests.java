package dev.firstcome.backend.admission;

/** The apply races on the embedded Redis, Kafka and PostgreSQL. */
class ApplyRaceIntegrationTests extends AbstractApplyRaceTests {}
