package dev.firstcome.backend.waitingroom;

import dev.firstcome.backend.admission.AdmissionStateApi;
import dev.firstcome.backend.event.EventApi;
import dev.firstcome.model.EventStatus;
import dev.firstcome.model.EventView;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The outflow: every {@code firstcome.waiting-room.tick} each server runs one outflow step of every room
 * that is open (pre-queue opened, event not ended). The step is one script run that lets in
 * {@code outflowPerSecond x elapsed time} tickets atomically, so any number of servers together let in
 * exactly the outflow. The tick also opens (and shuffles) the queue at {@code startsAt}, reads the
 * sold-out mark, and at most twice a second per room asks admission whether the event sold out; when it
 * did, the queue is marked and every server told ({@link SoldOutFlags}). A room that is over (ended or
 * closed) leaves the set, and its queue's keys are set to expire {@code retention} after the end.
 */
@Component
class OpenRooms {

    private static final Logger log = LoggerFactory.getLogger(OpenRooms.class);
    private static final long SOLD_OUT_CHECK_MILLIS = 500;

    private final EventApi events;
    private final AdmissionStateApi admission;
    private final QueueStore store;
    private final SoldOutFlags soldOut;
    private final WaitingRoomProperties properties;
    private final Clock clock;
    private final Set<Long> rooms = ConcurrentHashMap.newKeySet();
    private final ConcurrentMap<Long, Long> checkedAt = new ConcurrentHashMap<>();
    private volatile long refreshedAt = Long.MIN_VALUE;

    OpenRooms(
            EventApi events,
            AdmissionStateApi admission,
            QueueStore store,
            SoldOutFlags soldOut,
            WaitingRoomProperties properties,
            Clock clock) {
        this.events = events;
        this.admission = admission;
        this.store = store;
        this.soldOut = soldOut;
        this.properties = properties;
        this.clock = clock;
    }

    /** A room this server has seen a visitor of: ticked from now on (the periodic refresh finds the others). */
    void add(long eventId) {
        rooms.add(eventId);
    }

    @Scheduled(fixedDelayString = "${firstcome.waiting-room.tick:100ms}")
    void tick() {
        Instant now = clock.instant();
        refresh(now);
        for (Long eventId : List.copyOf(rooms)) {
            Optional<EventView> found = events.find(eventId);
            if (found.isEmpty() || !found.get().room().on() || isOver(found.get(), now)) {
                rooms.remove(eventId);
                found.filter(e -> isOver(e, now)).ifPresent(e -> retire(e, now));
                continue;
            }
            EventView event = found.get();
            if (soldOut.soldOut(eventId)) {
                continue; // nothing moves in a sold-out queue
            }
            if (now.isBefore(WaitingRoomService.prequeueOpensAt(event))) {
                continue;
            }
            try {
                step(event, now);
            } catch (RuntimeException e) {
                log.debug("outflow step of event {} failed: {}", eventId, e.toString());
            }
        }
    }

    /** The room is over: its queue expires {@code retention} after the end (or now, for a closed event). */
    private void retire(EventView event, Instant now) {
        Instant end = event.endsAt().isBefore(now) ? event.endsAt() : now;
        try {
            store.retire(event.id(), end.plus(properties.retention()));
        } catch (RuntimeException e) {
            log.debug("queue of event {} not retired: {}", event.id(), e.toString());
        }
    }

    private void step(EventView event, Instant now) {
        QueueStore.Counters counters = store.tick(event, now.toEpochMilli());
        if (counters.soldOut()) {
            soldOut.remember(event.id());
            return;
        }
        if (!counters.opened() || soldOut.soldOut(event.id())) {
            return;
        }
        long last = checkedAt.getOrDefault(event.id(), 0L);
        if (now.toEpochMilli() - last < SOLD_OUT_CHECK_MILLIS) {
            return;
        }
        checkedAt.put(event.id(), now.toEpochMilli());
        if (admission.counts(event.id()).remaining() <= 0) {
            store.soldOut(event, now.toEpochMilli());
            soldOut.announce(event.id());
            log.info("Event {} sold out: its waiting room is closed", event.id());
        }
    }

    private void refresh(Instant now) {
        long millis = now.toEpochMilli();
        if (millis - refreshedAt < properties.eventsRefresh().toMillis() && refreshedAt != Long.MIN_VALUE) {
            return;
        }
        refreshedAt = millis;
        try {
            for (EventView event : events.list(true)) {
                if (event.room().on() && !isOver(event, now)) {
                    rooms.add(event.id());
                }
            }
        } catch (RuntimeException e) {
            log.debug("waiting rooms not refreshed: {}", e.toString());
        }
    }

    private static boolean isOver(EventView event, Instant now) {
        return !now.isBefore(event.endsAt()) || event.status() == EventStatus.CLOSED;
    }
}
