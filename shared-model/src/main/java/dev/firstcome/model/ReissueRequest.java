package dev.firstcome.model;

import java.util.List;

/** Reissue the failed issues with these ids, or every open one of an event; {@code dryRun} changes nothing. */
public record ReissueRequest(List<Long> ids, Long eventId, boolean dryRun) {}
