package dev.firstcome.model;

import java.time.LocalDate;

/** One vendor's settlement for one day (in the report's zone): redemptions, reversals, amount owed. */
public record SettlementDay(long vendorId, LocalDate day, long redemptions, long reversals, long owed) {}
