package dev.firstcome.backend.waitingroom;

import dev.firstcome.model.QueueAudit;
import dev.firstcome.model.QueueStats;
import dev.firstcome.model.QueueTicket;

/**
 * An event's waiting room, for customers (join, poll, the fairness audit) and operators (stats, pause,
 * resume, the outflow). The queue lives in Redis in the event's hash slot; entry tokens are checked on
 * both apply entrances through admission's {@code EntryGate}.
 *
 * <p>Failures: {@code EventNotFoundException} (404), {@code InvalidRequestException} naming the field
 * (400), {@link QueueNotOpenException} (409: no room, or before the pre-queue opens),
 * {@link TicketNotFoundException} (404), {@link AuditNotPublishedException} (409: before the event
 * ends), {@code EventValidationException} for a bad outflow (400 naming the field).
 */
public interface WaitingRoomApi {

    /** The user's ticket: a new one, or the one they already hold (one per user and event). */
    QueueTicket join(long eventId, String userId);

    QueueTicket poll(long eventId, String ticketId);

    QueueAudit audit(long eventId);

    QueueStats stats(long eventId);

    QueueStats pause(long eventId);

    QueueStats resume(long eventId);

    /** Changes the outflow live (stored with the event, so every server takes it at once). */
    QueueStats outflow(long eventId, int outflowPerSecond);
}
