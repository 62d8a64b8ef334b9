package dev.firstcome.backend.lab;

import dev.firstcome.backend.admission.AdmissionStrategy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * {@code jvm-synchronized}: check-then-set on Redis inside a {@code synchronized} block per event.
 * Correct while one server runs; with two (two JVMs, or two Spring contexts: each has its own bean
 * and so its own monitors) the lock protects nothing and the event oversells.
 */
@Component
class JvmSynchronizedStrategy implements AdmissionStrategy {

    static final String NAME = "jvm-synchronized";

    private final LabRedisCounter counter;
    private final ConcurrentMap<Long, Object> monitors = new ConcurrentHashMap<>();

    JvmSynchronizedStrategy(LabRedisCounter counter) {
        this.counter = counter;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decision admit(EventLimits event, String userId, LocalDate day, Instant now) {
        Object monitor = monitors.computeIfAbsent(event.eventId(), id -> new Object());
        synchronized (monitor) {
            return counter.checkAndSet(NAME, event, userId, day);
        }
    }

    @Override
    public void undo(EventLimits event, String userId, LocalDate day, Decision decision) {
        Object monitor = monitors.computeIfAbsent(event.eventId(), id -> new Object());
        synchronized (monitor) {
            counter.undo(NAME, event, userId, day);
        }
    }
}
