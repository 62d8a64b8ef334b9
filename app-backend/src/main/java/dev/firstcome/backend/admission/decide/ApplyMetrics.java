package dev.firstcome.backend.admission.decide;

import dev.firstcome.model.ApplyOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** {@code firstcome.apply} (applies by outcome, UNAVAILABLE for a 503) and {@code firstcome.apply.latency}. */
@Component
class ApplyMetrics {

    private final Map<ApplyOutcome, Counter> outcomes = new EnumMap<>(ApplyOutcome.class);
    private final Counter unavailable;
    private final Timer latency;

    ApplyMetrics(MeterRegistry meters) {
        for (ApplyOutcome outcome : ApplyOutcome.values()) {
            outcomes.put(outcome, counter(meters, outcome.name()));
        }
        this.unavailable = counter(meters, "UNAVAILABLE");
        this.latency = Timer.builder("firstcome.apply.latency")
                .description("Apply latency, Redis decision and Kafka acknowledgement included")
                .publishPercentileHistogram()
                .register(meters);
    }

    private static Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder("firstcome.apply")
                .description("Applies by outcome")
                .tag("outcome", outcome)
                .register(meters);
    }

    void decided(ApplyOutcome outcome) {
        outcomes.get(outcome).increment();
    }

    void unavailable() {
        unavailable.increment();
    }

    void latency(long startNanos) {
        latency.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }
}
