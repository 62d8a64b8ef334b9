package dev.firstcome.backend.order;

import org.springframework.modulith.events.Externalized;

/**
 * An order reached a state: published in the transaction that recorded it (the event publication registry)
 * and externalised, keyed by order, to {@code topic}, the orders topic of the server that recorded it, where
 * each step's group takes the states it acts on.
 *
 * <p>The topic travels with the event because the registry is shared by every server on the database and any
 * of them sends its unsent publications again (all of them at start-up, and {@code LedgerResubmitter} every
 * {@code firstcome.redemption.resubmit-after}), also a server of another namespace (test contexts, child
 * servers, lab workers, deployments sharing one database). Routed by the sender's own topic, such a resend
 * reached the other namespace's consumers, which acted on the order with their own Redis keys: a killed
 * server's last orders failed with UNKNOWN_SKU, and a later step would have charged or shipped through the
 * wrong deployment. Publications recorded before the topic was part of the event (null) still go to the
 * sender's topic.
 */
@Externalized("#{topic() ?: @firstComeNames.ordersTopic()}::#{orderId().toString()}")
public record OrderStepReached(long orderId, String state, String topic) {}
