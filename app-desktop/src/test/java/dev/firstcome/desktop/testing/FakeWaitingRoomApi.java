package dev.firstcome.desktop.testing;

import dev.firstcome.backend.waitingroom.WaitingRoomApi;
import dev.firstcome.model.QueueAudit;
import dev.firstcome.model.QueueStats;
import dev.firstcome.model.QueueTicket;
import dev.firstcome.model.WaitingRoomMode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A waiting room that records the operators' calls and answers figures that follow them. */
public final class FakeWaitingRoomApi implements WaitingRoomApi {
    public final List<String> calls = new CopyOnWriteArrayList<>();
    public volatile boolean paused;
    public volatile int outflow = 50;

    @Override
    public QueueTicket join(long eventId, String userId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public QueueTicket poll(long eventId, String ticketId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public QueueAudit audit(long eventId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public QueueStats stats(long eventId) {
        calls.add("stats " + eventId);
        return new QueueStats(
                eventId,
                WaitingRoomMode.FIFO,
                1200,
                1000,
                200,
                outflow,
                48.5,
                paused ? null : 21L,
                paused,
                false,
                true,
                null);
    }

    @Override
    public QueueStats pause(long eventId) {
        calls.add("pause " + eventId);
        paused = true;
        return stats(eventId);
    }

    @Override
    public QueueStats resume(long eventId) {
        calls.add("resume " + eventId);
        paused = false;
        return stats(eventId);
    }

    @Override
    public QueueStats outflow(long eventId, int outflowPerSecond) {
        calls.add("outflow " + eventId + " " + outflowPerSecond);
        outflow = outflowPerSecond;
        return stats(eventId);
    }
}
