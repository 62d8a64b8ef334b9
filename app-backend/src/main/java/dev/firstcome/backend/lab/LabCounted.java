package dev.firstcome.backend.lab;

/**
 * A lab strategy that keeps its own count of what it gave (a counter row, a Redis counter, a set): the
 * rush compares it with the ISSUED answers the clients really received (lost or phantom counts).
 */
interface LabCounted {

    /**
     * What the strategy's own bookkeeping says was given for the event, as it stands now ({@code
     * limit}: the event's total, for counters that keep counting refused attempts).
     */
    long counted(long eventId, int limit);
}
