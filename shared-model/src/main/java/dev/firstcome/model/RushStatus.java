package dev.firstcome.model;

/** A rush as {@code GET /api/admin/rush/{id}} shows it: its progress, and its result once finished (else null). */
public record RushStatus(RushProgress progress, RushResult result) {}
