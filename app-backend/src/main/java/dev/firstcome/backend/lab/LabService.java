package dev.firstcome.backend.lab;

import dev.firstcome.backend.admission.AdmissionStrategy;
import dev.firstcome.backend.rush.StrategyCounts;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Service;

/** The rush's {@link StrategyCounts} over the lab strategies that keep a count ({@link LabCounted}). */
@Service
class LabService implements StrategyCounts {

    private final List<AdmissionStrategy> strategies;
    private final LabProperties properties;

    LabService(List<AdmissionStrategy> strategies, LabProperties properties) {
        this.strategies = strategies;
        this.properties = properties;
    }

    @Override
    public Long counted(String strategy, long eventId, int limit) {
        return strategies.stream()
                .filter(s -> s.name().equals(strategy))
                .filter(LabCounted.class::isInstance)
                .findFirst()
                .map(s -> ((LabCounted) s).counted(eventId, limit))
                .orElse(null);
    }

    @Override
    public Duration countLag() {
        return properties.flushInterval();
    }
}
