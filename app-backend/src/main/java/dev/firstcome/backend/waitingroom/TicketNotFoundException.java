package dev.firstcome.backend.waitingroom;

/** 404: no such ticket in this event's queue. */
public class TicketNotFoundException extends RuntimeException {

    TicketNotFoundException(long eventId, String ticketId) {
        super("Event " + eventId + " has no ticket " + ticketId);
    }
}
