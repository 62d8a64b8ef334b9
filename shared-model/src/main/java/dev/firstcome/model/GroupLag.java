package dev.firstcome.model;

/**
 * One consumer group of the pipeline and how far behind its topic it is: {@code role} says what the group
 * does (issuance, dead letters, notifications, ...); {@code lag} is in records, {@code -1} when Kafka did
 * not answer for it (or its topic does not exist yet).
 */
public record GroupLag(String group, String role, String topic, long lag) {

    /** Whether Kafka answered for this group. */
    public boolean known() {
        return lag >= 0;
    }
}
