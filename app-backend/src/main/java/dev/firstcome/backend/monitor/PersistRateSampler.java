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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Samples, once a second, the Micrometer counter {@value #PERSISTED_COUNTER} (summed over its tags)
 * into a {@link RateWindow}, and the issuance group's per-partition lag into a {@link LagTrend}. It
 * runs on its own thread, so that a slow or unreachable Kafka never delays other scheduled tasks.
 */
@Component
class PersistRateSampler implements SmartLifecycle {

    /** Incremented by the issuance consumer for every coupon row it wrote. */
    static final String PERSISTED_COUNTER = "firstcome.issuance.persisted";

    private static final Logger log = LoggerFactory.getLogger(PersistRateSampler.class);

    private final MeterRegistry registry;
    private final KafkaLagProbe lagProbe;
    private final RateWindow rate;
    private final LagTrend trend;
    private volatile boolean lagUnavailableLogged;
    private ScheduledExecutorService executor;

    PersistRateSampler(MeterRegistry registry, KafkaLagProbe lagProbe, FirstComeProperties properties) {
        this.registry = registry;
        this.lagProbe = lagProbe;
        this.rate = new RateWindow(properties.monitor().window());
        this.trend = new LagTrend(properties.monitor().window());
    }

    @Override
    public synchronized void start() {
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                    .name("firstcome-monitor-sampler")
                    .daemon()
                    .factory());
            executor.scheduleWithFixedDelay(this::sampleSafely, 1, 1, TimeUnit.SECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    private void sampleSafely() {
        try {
            sample();
        } catch (RuntimeException e) {
            log.warn("Monitor sample failed: {}", e.getMessage());
        }
    }

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

    /** How long the current backlog has been waiting (0 without one); see {@link LagTrend#backlogSeconds}. */
    double backlogSeconds() {
        return trend.backlogSeconds(System.nanoTime());
    }

    /** The {@code firstcome.apply} counters by their {@code outcome} tag. */
    java.util.Map<String, Long> applyOutcomes() {
        var result = new java.util.TreeMap<String, Long>();
        for (Meter meter : registry.find("firstcome.apply").meters()) {
            String outcome = meter.getId().getTag("outcome");
            if (outcome != null && meter instanceof Counter counter) {
                result.merge(outcome, (long) counter.count(), Long::sum);
            }
        }
        return result;
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
