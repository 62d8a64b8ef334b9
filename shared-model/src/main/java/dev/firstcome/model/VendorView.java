package dev.firstcome.model;

import java.time.Instant;

/** A vendor who funds coupons: paid {@code costPerRedemption} (minor units) for each redemption. */
public record VendorView(long id, String name, long costPerRedemption, Instant createdAt, Instant updatedAt) {}
