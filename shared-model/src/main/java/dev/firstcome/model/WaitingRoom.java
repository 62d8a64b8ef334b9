package dev.firstcome.model;

/**
 * An event's waiting room. On create, absent fields take the defaults below; on PATCH, absent fields are
 * left as they are. {@code prequeueOpensMinutesBefore}: how long before {@code startsAt} visitors may
 * join; {@code outflowPerSecond}: how many tickets get their turn per second; {@code entryTokenSeconds}:
 * how long a ticket's entry token is valid once its turn came.
 */
public record WaitingRoom(
        WaitingRoomMode mode, Integer prequeueOpensMinutesBefore, Integer outflowPerSecond, Integer entryTokenSeconds) {

    public static final int DEFAULT_PREQUEUE_MINUTES = 30;
    public static final int DEFAULT_OUTFLOW_PER_SECOND = 100;
    public static final int DEFAULT_ENTRY_TOKEN_SECONDS = 300;

    /** No waiting room (the defaults stored with it). */
    public static final WaitingRoom OFF = new WaitingRoom(
            WaitingRoomMode.OFF, DEFAULT_PREQUEUE_MINUTES, DEFAULT_OUTFLOW_PER_SECOND, DEFAULT_ENTRY_TOKEN_SECONDS);

    public static WaitingRoom of(WaitingRoomMode mode, int prequeueMinutes, int outflowPerSecond, int tokenSeconds) {
        return new WaitingRoom(mode, prequeueMinutes, outflowPerSecond, tokenSeconds);
    }

    public boolean on() {
        return mode != null && mode != WaitingRoomMode.OFF;
    }
}
