package dev.firstcome.model;

/**
 * An event's waiting room for operators: tickets issued, waiting now, let in so far, the configured and
 * the measured outflow, the time to drain the queue at the measured (else configured) outflow, and
 * whether it is paused, sold out, open; {@code seed} only once the event has ended.
 */
public record QueueStats(
        long eventId,
        WaitingRoomMode mode,
        long ticketsIssued,
        long waiting,
        long letIn,
        int outflowPerSecond,
        double measuredOutflowPerSecond,
        Long secondsToDrain,
        boolean paused,
        boolean soldOut,
        boolean opened,
        String seed) {}
