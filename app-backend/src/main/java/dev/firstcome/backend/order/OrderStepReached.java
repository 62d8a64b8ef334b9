package dev.firstcome.backend.order;

import org.springframework.modulith.events.Externalized;

/**
 * An order reached a state: published in the transaction that recorded it (the event publication registry)
 * and externalised to the orders topic keyed by order, where each step's group takes the states it acts on.
 */
@Externalized("#{@firstComeNames.ordersTopic()}::#{orderId().toString()}")
public record OrderStepReached(long orderId, String state) {}
