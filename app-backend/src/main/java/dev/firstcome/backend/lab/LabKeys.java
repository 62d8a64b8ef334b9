package dev.firstcome.backend.lab;

import dev.firstcome.backend.infra.FirstComeNames;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/**
 * Redis keys of the lab strategies: {@code <prefix>:lab:{evt:<id>}:<strategy>:<name>}, apart from the
 * admission keys of production events (one hash tag per event, so they would run on a cluster too).
 */
@Component
class LabKeys {

    private final FirstComeNames names;

    LabKeys(FirstComeNames names) {
        this.names = names;
    }

    String key(String strategy, long eventId, String name) {
        return names.keyPrefix() + ":lab:{evt:" + eventId + "}:" + strategy + ":" + name;
    }

    String applied(String strategy, long eventId) {
        return key(strategy, eventId, "applied");
    }

    String total(String strategy, long eventId) {
        return key(strategy, eventId, "total");
    }

    String day(String strategy, long eventId, LocalDate day) {
        return key(strategy, eventId, "day:" + day);
    }

    String seq(String strategy, long eventId) {
        return key(strategy, eventId, "seq");
    }
}
