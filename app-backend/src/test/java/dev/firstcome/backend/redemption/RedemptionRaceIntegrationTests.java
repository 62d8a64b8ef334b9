package dev.firstcome.backend.redemption;

/** The redemption races on the embedded PostgreSQL. */
class RedemptionRaceIntegrationTests extends AbstractRedemptionRaceTests {}
