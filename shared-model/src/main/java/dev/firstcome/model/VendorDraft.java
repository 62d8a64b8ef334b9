package dev.firstcome.model;

/** A new vendor, or (PATCH) the fields to change: null means unchanged. */
public record VendorDraft(String name, Long costPerRedemption) {}
