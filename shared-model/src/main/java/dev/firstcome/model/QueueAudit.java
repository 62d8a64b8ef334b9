package dev.firstcome.model;

import java.util.List;

/**
 * The fairness record of a shuffled pre-queue, published once the event has ended: the seed, the
 * digest of the pre-queue's ticket list and the order the shuffle gave ({@code tickets}, first let in
 * first), with the algorithm to recompute it.
 */
public record QueueAudit(
        long eventId, String algorithm, String seed, String digest, int prequeueSize, List<String> tickets) {}
