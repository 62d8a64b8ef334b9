package dev.firstcome.backend.lab;

import dev.firstcome.backend.admission.AdmissionStrategy;
import dev.firstcome.model.ApplyOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The skeleton of the {@code jvm-buffered-*} strategies, the metering systems' answer to "a database
 * row per request is too slow": this server counts its admissions in memory and every {@code
 * firstcome.lab.flush-interval} adds the increment to the event's database counter in one atomic
 * {@code UPDATE lab_stock SET issued = issued + :n} (then reads the counter back, to see what the other
 * servers flushed). A decision reads the last value read back plus what this server has counted since.
 * The per-user check is this server's memory too. Total limit only.
 *
 * <p>What it shows: with one server the count is exact while the process lives; with two, each admits
 * against a stale view of the others and the event oversells (and a user can win once per server);
 * whatever is in memory when the process dies is lost unless a subclass saves it.
 */
abstract class JvmBufferedStrategy implements AdmissionStrategy, LabCounted, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(JvmBufferedStrategy.class);

    private final String name;
    final LabStockStore store;
    private final Map<Long, EventCounter> counters = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;

    JvmBufferedStrategy(String name, LabStockStore store, Duration flushInterval) {
        this.name = name;
        this.store = store;
        this.flusher = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("lab-flush-" + name).factory());
        long millis = Math.max(1, flushInterval.toMillis());
        flusher.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Decision admit(EventLimits event, String userId, LocalDate day, Instant now) {
        EventCounter counter = counter(event.eventId());
        long rank;
        synchronized (counter) {
            if (counter.users.contains(userId)) {
                return Decision.refused(ApplyOutcome.ALREADY_APPLIED);
            }
            if (counter.flushed + counter.flushing + counter.pending >= event.totalQuantity()) {
                return Decision.refused(ApplyOutcome.SOLD_OUT);
            }
            counter.pending++;
            counter.users.add(userId);
            rank = counter.flushed + counter.flushing + counter.pending;
            counted(event.eventId(), userId);
        }
        try {
            durable(event.eventId(), userId);
        } catch (RuntimeException e) {
            synchronized (counter) {
                counter.pending--;
                counter.users.remove(userId);
                uncounted(event.eventId(), userId);
            }
            throw e;
        }
        return new Decision(ApplyOutcome.ISSUED, rank, rank);
    }

    @Override
    public final void undo(EventLimits event, String userId, LocalDate day, Decision decision) {
        EventCounter counter = counter(event.eventId());
        synchronized (counter) {
            if (counter.users.remove(userId)) {
                counter.pending--;
                uncounted(event.eventId(), userId);
            }
        }
    }

    /** The database counter: what has been flushed, by every server. */
    @Override
    public final long counted(long eventId, int limit) {
        return store.issued(eventId);
    }

    /** Under the event's lock, right after an admission was counted in memory (the WAL queues it here). */
    void counted(long eventId, String userId) {}

    /** Under the event's lock, when a counted admission is taken back. */
    void uncounted(long eventId, String userId) {}

    /** After the lock, before the ISSUED answer: the WAL waits for its fsync here. */
    void durable(long eventId, String userId) {}

    /** After {@code n} was added to the database counter (the WAL writes its checkpoint). */
    void flushed(long eventId, long n) {}

    /** Counts recovered at start (the WAL's replay): flushed at the next flush. */
    final void recovered(long eventId, long pending, Set<String> users) {
        EventCounter counter = counters.computeIfAbsent(eventId, EventCounter::new);
        synchronized (counter) {
            counter.pending += pending;
            counter.users.addAll(users);
        }
    }

    private EventCounter counter(long eventId) {
        EventCounter counter = counters.get(eventId);
        if (counter != null && counter.loaded) {
            return counter;
        }
        store.ensureStock(eventId);
        int issued = store.issued(eventId);
        counter = counters.computeIfAbsent(eventId, EventCounter::new);
        synchronized (counter) {
            if (!counter.loaded) {
                counter.flushed = issued;
                counter.loaded = true;
            }
        }
        return counter;
    }

    /** Adds every event's increment to its database counter and reads the counters back. */
    final void flush() {
        for (EventCounter counter : counters.values()) {
            long n;
            synchronized (counter) {
                n = counter.pending;
                counter.flushing = n;
                counter.pending = 0;
            }
            try {
                if (n != 0) {
                    store.ensureStock(counter.eventId);
                    store.add(counter.eventId, n);
                    flushed(counter.eventId, n);
                }
                int issued = store.issued(counter.eventId);
                synchronized (counter) {
                    counter.flushed = issued;
                    counter.flushing = 0;
                    counter.loaded = true;
                }
            } catch (RuntimeException e) {
                synchronized (counter) {
                    counter.pending += counter.flushing;
                    counter.flushing = 0;
                }
                throw e;
            }
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("{}: flush failed, the increments stay in memory: {}", name, e.toString());
        }
    }

    /** Stops the periodic flush; subclasses decide whether the buffer is flushed or dropped. */
    final void stopFlushing() {
        flusher.shutdownNow();
        try {
            flusher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What is still in memory, not yet in the database (tests, and the shutdown log). */
    final long unflushed() {
        long sum = 0;
        for (EventCounter counter : counters.values()) {
            synchronized (counter) {
                sum += counter.pending + counter.flushing;
            }
        }
        return sum;
    }

    /** Default: the buffer dies with the context (SIGTERM loses it like SIGKILL does). */
    @Override
    public void destroy() {
        stopFlushing();
        long lost = unflushed();
        if (lost > 0) {
            log.warn("{}: {} counted admissions were never flushed and are lost", name, lost);
        }
    }

    private static final class EventCounter {
        final long eventId;
        final Set<String> users = new HashSet<>();
        boolean loaded;
        long flushed;
        long flushing;
        long pending;

        EventCounter(long eventId) {
            this.eventId = eventId;
        }
    }
}
