package dev.firstcome.backend.waitingroom;

import dev.firstcome.backend.admission.EventNotFoundException;
import dev.firstcome.backend.admission.UserIds;
import dev.firstcome.backend.audit.AuditApi;
import dev.firstcome.backend.event.EventApi;
import dev.firstcome.backend.infra.web.InvalidRequestException;
import dev.firstcome.model.EventChanges;
import dev.firstcome.model.EventStatus;
import dev.firstcome.model.EventView;
import dev.firstcome.model.QueueAudit;
import dev.firstcome.model.QueueStats;
import dev.firstcome.model.QueueStatus;
import dev.firstcome.model.QueueTicket;
import dev.firstcome.model.WaitingRoom;
import dev.firstcome.model.WaitingRoomMode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * The waiting room: tickets, positions, ETA, entry tokens, the operators' controls. Positions never go
 * backward: a ticket's number {@code n} is fixed once given (at the opening for the shuffled pre-queue,
 * on arrival otherwise) and {@code position = n - letIn}, where {@code letIn} only grows. The ETA divides
 * the position by the measured outflow (the configured one until a measurement exists).
 */
@Service
class WaitingRoomService implements WaitingRoomApi {

    static final String ALGORITHM = "order = the pre-queue's ticket ids sorted by sha1hex(seed + \":\" + ticketId)"
            + " (lowercase hex, ascending); digest = sha1hex(the ticket ids sorted ascending, joined by \"\\n\")";
    private static final Pattern TICKET = Pattern.compile("[0-9a-f]{32}");

    private final EventApi events;
    private final QueueStore store;
    private final EntryTokens tokens;
    private final SoldOutFlags soldOut;
    private final OpenRooms rooms;
    private final AuditApi audit;
    private final WaitingRoomProperties properties;
    private final Clock clock;

    WaitingRoomService(
            EventApi events,
            QueueStore store,
            EntryTokens tokens,
            SoldOutFlags soldOut,
            OpenRooms rooms,
            AuditApi audit,
            WaitingRoomProperties properties,
            Clock clock) {
        this.events = events;
        this.store = store;
        this.tokens = tokens;
        this.soldOut = soldOut;
        this.rooms = rooms;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public QueueTicket join(long eventId, String userId) {
        UserIds.require(userId);
        EventView event = roomEvent(eventId);
        Instant now = clock.instant();
        QueueTicket over = over(event, null, userId, now);
        if (over != null) {
            return over;
        }
        Instant opensAt = prequeueOpensAt(event);
        if (now.isBefore(opensAt)) {
            throw new QueueNotOpenException(
                    eventId, opensAt, "The waiting room of event " + eventId + " opens at " + opensAt);
        }
        rooms.add(eventId);
        return ticket(event, store.join(event, userId, now.toEpochMilli()), now);
    }

    @Override
    public QueueTicket poll(long eventId, String ticketId) {
        if (ticketId == null || !TICKET.matcher(ticketId).matches()) {
            throw new InvalidRequestException("ticketId", "ticketId must be the 32 lowercase hex digits of a ticket");
        }
        EventView event = roomEvent(eventId);
        Instant now = clock.instant();
        if (over(event, ticketId, null, now) != null) {
            // one HGET, no queue script: a ticket nobody was given stays a 404, a real one keeps its customer
            String holder = store.holderOf(eventId, ticketId);
            if (holder == null) {
                throw new TicketNotFoundException(eventId, ticketId);
            }
            return over(event, ticketId, holder, now);
        }
        QueueStore.Place place = store.poll(event, ticketId, now.toEpochMilli());
        if (place == null) {
            throw new TicketNotFoundException(eventId, ticketId);
        }
        rooms.add(eventId);
        return ticket(event, place, now);
    }

    @Override
    public QueueAudit audit(long eventId) {
        EventView event = event(eventId);
        Instant now = clock.instant();
        if (now.isBefore(event.endsAt()) && event.status() != EventStatus.CLOSED) {
            throw new AuditNotPublishedException(eventId, event.endsAt());
        }
        if (event.room().mode() != WaitingRoomMode.SHUFFLED_PREQUEUE) {
            return new QueueAudit(eventId, "no shuffle: " + event.room().mode(), null, null, 0, List.of());
        }
        QueueStore.Counters counters = store.stats(event, now.toEpochMilli());
        if (!counters.opened()) {
            return new QueueAudit(eventId, ALGORITHM, null, null, 0, List.of());
        }
        List<String> order = store.order(eventId);
        return new QueueAudit(eventId, ALGORITHM, counters.seed(), counters.digest(), order.size(), order);
    }

    @Override
    public QueueStats stats(long eventId) {
        EventView event = event(eventId);
        Instant now = clock.instant();
        return stats(event, store.stats(event, now.toEpochMilli()), now);
    }

    @Override
    public QueueStats pause(long eventId) {
        EventView event = roomEvent(eventId);
        QueueStats before = stats(eventId);
        Instant now = clock.instant();
        QueueStats after = stats(event, store.pause(event, now.toEpochMilli()), now);
        audit.record("queue.pause", "event:" + eventId, before, after);
        return after;
    }

    @Override
    public QueueStats resume(long eventId) {
        EventView event = roomEvent(eventId);
        QueueStats before = stats(eventId);
        Instant now = clock.instant();
        QueueStats after = stats(event, store.resume(event, now.toEpochMilli()), now);
        audit.record("queue.resume", "event:" + eventId, before, after);
        return after;
    }

    @Override
    public QueueStats outflow(long eventId, int outflowPerSecond) {
        roomEvent(eventId);
        // an event edit: validated, stored, audited (event.update) and broadcast to every server's cache
        events.update(eventId, EventChanges.waitingRoom(new WaitingRoom(null, null, outflowPerSecond, null)));
        return stats(eventId);
    }

    /** The answer without Redis when the queue is over for everyone: sold out, ended, closed. */
    private QueueTicket over(EventView event, String ticketId, String userId, Instant now) {
        if (soldOut.soldOut(event.id())) {
            return closed(event, ticketId, userId, QueueStatus.SOLD_OUT, "SOLD_OUT");
        }
        if (!now.isBefore(event.endsAt())) {
            return closed(event, ticketId, userId, QueueStatus.CLOSED, "EVENT_ENDED");
        }
        if (event.status() == EventStatus.CLOSED) {
            return closed(event, ticketId, userId, QueueStatus.CLOSED, "EVENT_CLOSED");
        }
        return null;
    }

    private QueueTicket closed(EventView event, String ticketId, String userId, QueueStatus status, String reason) {
        return new QueueTicket(
                ticketId, event.id(), userId, status, null, null, 0, 0, null, null, event.startsAt(), reason);
    }

    private QueueTicket ticket(EventView event, QueueStore.Place p, Instant now) {
        WaitingRoom room = event.room();
        long minPoll = properties.minPoll().toMillis();
        // never advise sleeping through half an entry token's validity: a turn that comes early (the
        // outflow raised, the line ahead left) is still seen in time to use its token
        long maxPoll =
                Math.max(minPoll, Math.min(properties.maxPoll().toMillis(), room.entryTokenSeconds() * 1000L / 2));
        switch (p.code()) {
            case "SOLD_OUT" -> {
                soldOut.remember(event.id());
                return closed(event, p.ticketId(), p.userId(), QueueStatus.SOLD_OUT, "SOLD_OUT");
            }
            case "PREQUEUE" -> {
                boolean fifo = room.mode() == WaitingRoomMode.FIFO;
                long untilOpening = Math.max(0, event.startsAt().toEpochMilli() - now.toEpochMilli());
                return new QueueTicket(
                        p.ticketId(),
                        event.id(),
                        p.userId(),
                        QueueStatus.PREQUEUE,
                        fifo ? p.n() : null,
                        null,
                        fifo ? p.n() - 1 : Math.max(0, p.preCount() - 1),
                        clamp(untilOpening, minPoll, maxPoll),
                        null,
                        null,
                        event.startsAt(),
                        null);
            }
            default -> {
                if (p.n() > 0 && p.n() <= p.admitted()) {
                    long expiresAt = (p.turnAt() + room.entryTokenSeconds() * 1000L) / 1000;
                    if (now.getEpochSecond() >= expiresAt) {
                        return closed(event, p.ticketId(), p.userId(), QueueStatus.CLOSED, "ENTRY_EXPIRED");
                    }
                    return new QueueTicket(
                            p.ticketId(),
                            event.id(),
                            p.userId(),
                            QueueStatus.YOUR_TURN,
                            null, // no position once the turn came (docs/waiting-room.md)
                            0L,
                            0,
                            0,
                            tokens.issue(event.id(), p.userId(), expiresAt),
                            Instant.ofEpochSecond(expiresAt),
                            event.startsAt(),
                            null);
                }
                long position = p.n() - p.admitted();
                Long eta = eta(position, p.paused(), p.measuredMilli(), room.outflowPerSecond());
                long pollAfter = eta == null ? maxPoll : clamp(eta * 1000 / 10, minPoll, maxPoll);
                return new QueueTicket(
                        p.ticketId(),
                        event.id(),
                        p.userId(),
                        QueueStatus.WAITING,
                        position,
                        eta,
                        position - 1,
                        pollAfter,
                        null,
                        null,
                        event.startsAt(),
                        p.paused() ? "PAUSED" : null);
            }
        }
    }

    private QueueStats stats(EventView event, QueueStore.Counters c, Instant now) {
        long waiting = c.opened() ? c.next() - c.admitted() : c.preCount() + c.next();
        double measured = c.measuredMilli() < 0 ? 0 : c.measuredMilli() / 1000.0;
        Long eta = eta(waiting, c.paused(), c.measuredMilli(), event.room().outflowPerSecond());
        boolean ended = !now.isBefore(event.endsAt()) || event.status() == EventStatus.CLOSED;
        return new QueueStats(
                event.id(),
                event.room().mode(),
                c.tickets(),
                waiting,
                c.admitted(),
                event.room().outflowPerSecond(),
                measured,
                eta,
                c.paused(),
                c.soldOut() || soldOut.soldOut(event.id()),
                c.opened(),
                ended && !c.seed().isEmpty() ? c.seed() : null);
    }

    /** Seconds until {@code position} is let in: the measured outflow, else (none yet) the configured one. */
    static Long eta(long position, boolean paused, long measuredMilli, int configured) {
        if (paused) {
            return null;
        }
        if (position <= 0) {
            return 0L;
        }
        double rate = measuredMilli > 0 ? measuredMilli / 1000.0 : configured;
        return (long) Math.ceil(position / rate);
    }

    static Instant prequeueOpensAt(EventView event) {
        return event.startsAt().minusSeconds(60L * event.room().prequeueOpensMinutesBefore());
    }

    private EventView roomEvent(long eventId) {
        EventView event = event(eventId);
        if (!event.room().on()) {
            throw new QueueNotOpenException(eventId, null, "Event " + eventId + " has no waiting room: apply directly");
        }
        return event;
    }

    private EventView event(long eventId) {
        return events.find(eventId).orElseThrow(() -> new EventNotFoundException(eventId));
    }

    private static long clamp(long value, long min, long max) {
        return Math.max(min, Math.min(max, value));
    }
}
