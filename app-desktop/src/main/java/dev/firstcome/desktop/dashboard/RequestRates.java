package dev.firstcome.desktop.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Requests per second by outcome group, from this server's successive apply-outcome counters. */
final class RequestRates {

    /** The apply outcomes grouped as operators read them. */
    static final Map<String, List<String>> OUTCOME_GROUPS = new LinkedHashMap<>(Map.of());

    static {
        OUTCOME_GROUPS.put("issued", List.of("ISSUED"));
        OUTCOME_GROUPS.put("sold out", List.of("SOLD_OUT", "DAILY_SOLD_OUT"));
        OUTCOME_GROUPS.put("already applied", List.of("ALREADY_APPLIED"));
        OUTCOME_GROUPS.put("refused", List.of("NOT_OPEN", "ENDED", "PAUSED", "CLOSED", "UNAVAILABLE"));
    }

    private Map<String, Long> previousOutcomes;
    private Instant previousOutcomesAt;

    /** Takes the counters seen now; returns the rates since the previous counters, or null the first time. */
    Map<String, Double> update(Map<String, Long> outcomes, Instant now) {
        Map<String, Double> result = null;
        if (previousOutcomes != null && now.isAfter(previousOutcomesAt)) {
            double seconds = Duration.between(previousOutcomesAt, now).toNanos() / 1e9;
            Map<String, Double> rates = new LinkedHashMap<>();
            OUTCOME_GROUPS.forEach((group, names) -> {
                long delta = 0;
                for (String name : names) {
                    delta += Math.max(0, outcomes.getOrDefault(name, 0L) - previousOutcomes.getOrDefault(name, 0L));
                }
                rates.put(group, delta / seconds);
            });
            result = Map.copyOf(rates);
        }
        previousOutcomes = outcomes;
        previousOutcomesAt = now;
        return result;
    }
}
