package dev.firstcome.backend.admission;

/**
 * The port an apply passes before admission decides: with an event's waiting room on, only a visitor
 * whose turn came (a valid entry token, bound to the event and the user) may apply. Implemented by the
 * waiting room; without one every apply passes. It never decides on the coupon: admit.lua still does.
 * Both apply entrances (the main port and the apply server) ask it, with the {@code Entry-Token} header.
 */
public interface EntryGate {

    /** The request header that carries the entry token. */
    String HEADER = "Entry-Token";

    /** Lets every apply through (no waiting room feature in this application). */
    EntryGate OPEN = (eventId, userId, entryToken) -> null;

    /**
     * Null when this apply may go on to admission; otherwise why it is refused (403).
     *
     * @param entryToken the {@code Entry-Token} header, or null
     */
    Refusal check(long eventId, String userId, String entryToken);

    /** Why an apply was refused at the gate: its {@code reason} in the 403 problem. */
    enum Refusal {
        /** The event's waiting room is on and the apply carries no entry token. */
        ENTRY_TOKEN_MISSING(
                "This event has a waiting room: join the queue and apply with the entry token of your turn"),
        /** The token's validity ended. */
        ENTRY_TOKEN_EXPIRED("The entry token has expired: your turn has passed"),
        /** Not a token the waiting room issued for this event and this user (forged, altered or another's). */
        ENTRY_TOKEN_INVALID("The entry token is not valid for this event and this user");

        private final String detail;

        Refusal(String detail) {
            this.detail = detail;
        }

        public String detail() {
            return detail;
        }
    }
}
