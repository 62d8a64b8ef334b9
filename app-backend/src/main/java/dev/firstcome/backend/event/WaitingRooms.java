package dev.firstcome.backend.event;

import dev.firstcome.model.WaitingRoom;
import dev.firstcome.model.WaitingRoomMode;

/**
 * The rules of an event's {@code waitingRoom}: on create, absent fields take the defaults; on PATCH,
 * absent fields stay as they are. Each failure names its field ({@code waitingRoom.outflowPerSecond}).
 */
final class WaitingRooms {

    static final int MAX_PREQUEUE_MINUTES = 7 * 24 * 60;
    static final int MAX_OUTFLOW_PER_SECOND = 100_000;
    static final int MIN_ENTRY_TOKEN_SECONDS = 10;
    static final int MAX_ENTRY_TOKEN_SECONDS = 24 * 60 * 60;

    private WaitingRooms() {}

    static WaitingRoom fromDraft(WaitingRoom given) {
        if (given == null) {
            return WaitingRoom.OFF;
        }
        if (given.mode() == null) {
            throw new EventValidationException(
                    "waitingRoom.mode", "waitingRoom.mode is required: one of OFF, SHUFFLED_PREQUEUE, FIFO");
        }
        return validated(merge(WaitingRoom.OFF, given));
    }

    static WaitingRoom merge(WaitingRoom current, WaitingRoom given) {
        if (given == null) {
            return current;
        }
        return validated(new WaitingRoom(
                given.mode() != null ? given.mode() : current.mode(),
                given.prequeueOpensMinutesBefore() != null
                        ? given.prequeueOpensMinutesBefore()
                        : current.prequeueOpensMinutesBefore(),
                given.outflowPerSecond() != null ? given.outflowPerSecond() : current.outflowPerSecond(),
                given.entryTokenSeconds() != null ? given.entryTokenSeconds() : current.entryTokenSeconds()));
    }

    private static WaitingRoom validated(WaitingRoom r) {
        if (r.mode() == null) {
            throw new EventValidationException(
                    "waitingRoom.mode",
                    "waitingRoom.mode must be one of " + java.util.List.of(WaitingRoomMode.values()));
        }
        range("prequeueOpensMinutesBefore", r.prequeueOpensMinutesBefore(), 0, MAX_PREQUEUE_MINUTES);
        range("outflowPerSecond", r.outflowPerSecond(), 1, MAX_OUTFLOW_PER_SECOND);
        range("entryTokenSeconds", r.entryTokenSeconds(), MIN_ENTRY_TOKEN_SECONDS, MAX_ENTRY_TOKEN_SECONDS);
        return r;
    }

    private static void range(String name, Integer value, int min, int max) {
        if (value == null || value < min || value > max) {
            throw new EventValidationException(
                    "waitingRoom." + name,
                    "waitingRoom." + name + " must be a whole number between " + min + " and " + max + ", got "
                            + value);
        }
    }
}
