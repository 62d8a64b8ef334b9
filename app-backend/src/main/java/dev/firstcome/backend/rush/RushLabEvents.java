package dev.firstcome.backend.rush;

import dev.firstcome.backend.admission.EventNotFoundException;
import dev.firstcome.backend.event.EventApi;
import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.backend.issuance.IssuanceApi;
import dev.firstcome.model.EventDraft;
import dev.firstcome.model.EventView;
import dev.firstcome.model.WaitingRoom;
import dev.firstcome.model.WaitingRoomMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The events a rush runs against: a fresh lab event per run (closed after it) or an existing one, and the
 * drain of its admissions into coupon rows.
 */
@Component
class RushLabEvents {

    /** How long before its opening a lab event with a shuffled pre-queue is created (users join meanwhile). */
    private static final Duration PREQUEUE_LEAD = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(RushLabEvents.class);

    private final ObjectProvider<EventApi> events;
    private final ObjectProvider<IssuanceApi> issuance;
    private final Clock clock;
    private final FirstComeProperties.Rush settings;

    RushLabEvents(
            ObjectProvider<EventApi> events,
            ObjectProvider<IssuanceApi> issuance,
            Clock clock,
            FirstComeProperties properties) {
        this.events = events;
        this.issuance = issuance;
        this.clock = clock;
        this.settings = properties.rush();
    }

    EventView find(long eventId) {
        return eventApi().find(eventId).orElseThrow(() -> new EventNotFoundException(eventId));
    }

    /**
     * A fresh lab event, open now; with a shuffled pre-queue it opens {@link #PREQUEUE_LEAD} from now, so
     * the virtual users arrive in the pre-queue and are shuffled at the opening, as on a launch day.
     */
    EventView create(String rushId, String strategy, RushTarget target) {
        Instant now = clock.instant();
        WaitingRoom room = target.room();
        Instant startsAt = room != null && room.mode() == WaitingRoomMode.SHUFFLED_PREQUEUE
                ? now.plus(PREQUEUE_LEAD)
                : now.minusSeconds(60);
        return eventApi()
                .create(new EventDraft(
                        "rush " + rushId + " " + strategy,
                        target.quantity(),
                        target.dailyQuantity(),
                        null,
                        null,
                        startsAt,
                        now.plus(Duration.ofDays(1)),
                        ZoneOffset.UTC.getId(),
                        true,
                        strategy,
                        null,
                        null,
                        null,
                        room));
    }

    void closeQuietly(long eventId) {
        try {
            eventApi().close(eventId);
        } catch (RuntimeException e) {
            log.debug("Could not close lab event {}: {}", eventId, e.getMessage());
        }
    }

    /** Rows persisted for the event once they reach {@code winners} or the drain timeout passed; null without issuance. */
    Long awaitPersisted(long eventId, long winners) throws InterruptedException {
        IssuanceApi api = issuance.getIfAvailable();
        if (api == null) {
            return null;
        }
        long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
        long persisted = api.persistedCount(eventId);
        while (persisted < winners && System.nanoTime() < deadline) {
            LockSupport.parkNanos(RushFaults.DRAIN_POLL.toNanos());
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while draining event " + eventId);
            }
            persisted = api.persistedCount(eventId);
        }
        return persisted;
    }

    private EventApi eventApi() {
        EventApi api = events.getIfAvailable();
        if (api == null) {
            throw new IllegalStateException("no EventApi in this context: rushes need events");
        }
        return api;
    }
}
