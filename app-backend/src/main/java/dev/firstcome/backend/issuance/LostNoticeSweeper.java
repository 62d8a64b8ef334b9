package dev.firstcome.backend.issuance;

import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.model.CouponPersisted;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Announces again the coupons whose CouponPersisted record was lost: the row committed, then the send
 * to the notifications topic failed (Kafka down right then) or the server died before it. Every
 * {@code firstcome.notifications.sweep-interval} it looks for coupons persisted more than {@code
 * sweep-after} ago (and less than {@code sweep-window}) that have no notice yet, and publishes them
 * again; the notice claim ({@code notified_at}) keeps each coupon to one notice, so a record that was
 * merely late costs a duplicate record, never a duplicate notice.
 *
 * <p>It remembers how far it read (a row id, in memory: after a restart one sweep reads the window
 * again) and moves past what it announced only once the broker acknowledged it. In steady state a sweep
 * reads the rows persisted since the previous one once, by primary key. Runs where the
 * notifications consumer runs (notifications enabled, listeners started).
 */
@Component
class LostNoticeSweeper implements SchedulingConfigurer {

    static final int BATCH = 1000;

    private static final Logger log = LoggerFactory.getLogger(LostNoticeSweeper.class);

    private final CouponRepository coupons;
    private final CouponPersistedPublisher publisher;
    private final FirstComeProperties.Notifications settings;
    private final boolean listenersStart;
    private final Clock clock;
    /** Every coupon up to this id had its notice, or was announced again, or was outside the window. */
    private long cursor;

    private final ArrayDeque<Mark> marks = new ArrayDeque<>();
    /** The highest id noted more than {@code sweep-after} ago (-1: none yet). */
    private long oldestNoted = -1;

    LostNoticeSweeper(
            CouponRepository coupons,
            CouponPersistedPublisher publisher,
            FirstComeProperties properties,
            IssuanceKafka kafka,
            ObjectProvider<Clock> clock) {
        this.coupons = coupons;
        this.publisher = publisher;
        this.settings = properties.notifications();
        this.listenersStart = kafka.autoStartup();
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (settings.enabled() && listenersStart) {
            registrar.addFixedDelayTask(this::run, settings.sweepInterval());
        }
    }

    void run() {
        try {
            sweep();
        } catch (DataAccessException e) {
            log.warn("Notice sweep skipped, the database is unavailable: {}", e.getMessage());
        }
    }

    /** One sweep: announces up to {@link #BATCH} coupons without a notice; returns them. */
    List<CouponPersisted> sweep() {
        return sweep(clock.instant());
    }

    /** One sweep as of {@code now} (tests move it forward instead of waiting minutes). */
    synchronized List<CouponPersisted> sweep(Instant now) {
        long settled = settledId(now);
        if (settled <= cursor) {
            return List.of();
        }
        List<CouponRepository.Unnotified> lost =
                coupons.unnotified(cursor, settled, now.minus(settings.sweepWindow()), BATCH);
        List<CouponPersisted> announced =
                lost.stream().map(CouponRepository.Unnotified::coupon).toList();
        if (!lost.isEmpty()) {
            try {
                publisher.republish(announced).get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                log.warn(
                        "Could not announce {} coupons without a notice again; next sweep retries: {}",
                        lost.size(),
                        e.getMessage());
                return List.of();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
            log.warn(
                    "Announced {} coupons again whose notice had not been sent (first: user {} in event {})",
                    lost.size(),
                    lost.getFirst().coupon().userId(),
                    lost.getFirst().coupon().eventId());
        }
        cursor = lost.size() < BATCH ? settled : lost.getLast().id();
        return announced;
    }

    /**
     * The highest id of the coupons persisted more than {@code sweep-after} ago. Each sweep notes the
     * table's highest id (one step down the primary key); a note older than {@code sweep-after} answers
     * without reading the young rows, which during a rush are millions. Until such a note exists (the
     * first minutes after a start) the rows are read.
     */
    private long settledId(Instant now) {
        Instant before = now.minus(settings.sweepAfter());
        while (!marks.isEmpty() && !marks.peekFirst().at().isAfter(before)) {
            oldestNoted = Math.max(oldestNoted, marks.pollFirst().lastId());
        }
        marks.addLast(new Mark(now, coupons.lastId()));
        return oldestNoted >= 0 ? Math.max(cursor, oldestNoted) : coupons.lastIdPersistedBefore(cursor, before);
    }

    /** The table's highest coupon id at a moment. */
    private record Mark(Instant at, long lastId) {}
}
