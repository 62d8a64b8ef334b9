package dev.firstcome.model;

/**
 * What a reissue did (or, for a dry run, would do): {@code persisted} new coupon rows,
 * {@code skipped} already persisted or already reissued, {@code stillFailing} still not writable.
 */
public record ReissueReport(boolean dryRun, int requested, int persisted, int skipped, int stillFailing) {}
