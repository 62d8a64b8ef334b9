package dev.firstcome.backend.monitor;

import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.model.LagStatus;
import dev.firstcome.model.PartitionLag;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Samples, once a second, the Micrometer counter {@value #PERSISTED_COUNTER} (summed over its tags)
 * into a {@link RateWindow}, and the issuance group's per-partition lag into a {@link LagTrend}.
 */
@Component
class PersistRateSampler {

    /** Incremented by the issuance consumer for every coupon row it wrote. */
    static final String PERSISTED_COUNTER = "firstcome.issuance.persisted";

    private static final Logger log = LoggerFactory.getLogger(PersistRateSampler.class);

    private final MeterRegistry registry;
    private final KafkaLagProbe lagProbe;
    private final RateWindow rate;
    private final LagTrend trend;
    private volatile boolean lagUnavailableLogged;

    PersistRateSampler(MeterRegistry registry, KafkaLagProbe lagProbe, FirstComeProperties properties) {
        this.registry = registry;
        this.lagProbe = lagProbe;
        this.rate = new RateWindow(properties.monitor().window());
        this.trend = new LagTrend(properties.monitor().window());
    }

    @Scheduled(fixedDelay = 1000, initialDelay = 1000)
    void sample() {
        rate.record(System.nanoTime(), persistedCount());
        try {
            LagSnapshot snapshot = lagProbe.admitted();
            Map<Integer, LagTrend.Offsets> offsets = new HashMap<>();
            for (PartitionLag p : snapshot.partitions()) {
                offsets.put(p.partition(), new LagTrend.Offsets(p.committedOffset(), p.lag()));
            }
            trend.record(snapshot.nanos(), offsets);
            lagUnavailableLogged = false;
        } catch (MonitorUnavailableException e) {
            if (!lagUnavailableLogged) {
                lagUnavailableLogged = true;
                log.warn("Consumer lag unavailable: {}", e.getMessage());
            }
        }
    }

    double persistRatePerSecond() {
        return rate.ratePerSecond();
    }

    LagStatus lagStatus() {
        return trend.status();
    }

    private double persistedCount() {
        double total = 0;
        for (Meter meter : registry.find(PERSISTED_COUNTER).meters()) {
            if (meter instanceof Counter counter) {
                total += counter.count();
            } else if (meter instanceof FunctionCounter counter) {
                total += counter.count();
            }
        }
        return total;
    }
}
