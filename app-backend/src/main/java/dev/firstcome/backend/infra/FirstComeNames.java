package dev.firstcome.backend.infra;

import org.springframework.stereotype.Component;

/**
 * Topic, consumer-group, Redis key and channel names, prefixed with {@code firstcome.namespace} when
 * one is set (so that several FirstCome deployments, or test contexts, can share one Kafka and one
 * Redis without seeing each other's data). Always use these, never the raw properties.
 */
@Component
public class FirstComeNames {

    private final String topicPrefix;
    private final String keyPrefix;
    private final FirstComeProperties properties;

    public FirstComeNames(FirstComeProperties properties) {
        this.properties = properties;
        String ns = properties.namespace() == null ? "" : properties.namespace().trim();
        this.topicPrefix = ns.isEmpty() ? "" : ns + ".";
        this.keyPrefix = ns.isEmpty()
                ? properties.redis().keyPrefix()
                : properties.redis().keyPrefix() + "-" + ns;
    }

    public String admittedTopic() {
        return topicPrefix + properties.kafka().admittedTopic();
    }

    public String deadLetterTopic() {
        return topicPrefix + properties.kafka().deadLetterTopic();
    }

    public String notificationsTopic() {
        return topicPrefix + properties.kafka().notificationsTopic();
    }

    public String consumerGroup() {
        return topicPrefix + properties.kafka().consumerGroup();
    }

    public String deadLetterGroup() {
        return topicPrefix + properties.kafka().deadLetterGroup();
    }

    public String notificationsGroup() {
        return topicPrefix + properties.kafka().notificationsGroup();
    }

    /** The topic of vendor ledger entries (externalised from the event publication registry). */
    public String ledgerTopic() {
        return topicPrefix + properties.redemption().ledgerTopic();
    }

    /** The group that books ledger entries into the vendor ledger (settlement). */
    public String settlementGroup() {
        return topicPrefix + properties.redemption().settlementGroup();
    }

    /** The topic of the checkout flow's steps. */
    public String ordersTopic() {
        return topicPrefix + properties.orders().topic();
    }

    /** The group of one step of the checkout flow ({@code stock}, {@code coupon}, ...). */
    public String ordersGroup(String step) {
        return topicPrefix + properties.orders().groupPrefix() + "-" + step;
    }

    /** Redis key prefix, e.g. {@code fc}; event keys are {@code <prefix>:{evt:<id>}:<name>}. */
    public String keyPrefix() {
        return keyPrefix;
    }

    /** The Redis pub/sub channel that tells every instance an event changed. */
    public String eventsChannel() {
        return keyPrefix + ":" + properties.redis().eventsChannel();
    }
}
