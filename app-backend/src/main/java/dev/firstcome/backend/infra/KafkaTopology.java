package dev.firstcome.backend.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * The replication of FirstCome's topics: the factor they are created with ({@code
 * FIRSTCOME_KAFKA_REPLICATION_FACTOR}; unset: the smaller of 3 and the brokers the cluster has when
 * FirstCome starts), {@code min.insync.replicas} (2 from a factor of 3, so that with {@code acks=all} an
 * acknowledged admission is on two brokers), and what the brokers report now: brokers up, partitions
 * under-replicated, existing topics whose factor is below the configured one (Kafka never lowers or
 * raises it by itself: such a topic is reported at startup and in health, never silently used as safe).
 */
public class KafkaTopology {

    private static final Logger log = LoggerFactory.getLogger(KafkaTopology.class);

    private final Admin admin;
    private final List<String> topics;
    private final int replicationFactor;
    private final int brokersAtStart;

    KafkaTopology(Admin admin, List<String> topics, Integer configuredFactor) {
        this.admin = admin;
        this.topics = List.copyOf(topics);
        this.brokersAtStart = brokers(admin);
        this.replicationFactor = configuredFactor != null ? configuredFactor : Math.max(1, Math.min(3, brokersAtStart));
    }

    /** The replication factor FirstCome's topics are created with. */
    public int replicationFactor() {
        return replicationFactor;
    }

    /** 2 from a factor of 3 (one broker may be lost without refusing writes); else 1. */
    public int minInsyncReplicas() {
        return replicationFactor >= 3 ? 2 : 1;
    }

    @EventListener(ApplicationReadyEvent.class)
    void reportAtStartup() {
        try {
            State state = state();
            log.info("Kafka: {}", state);
            if (!state.belowFactor().isEmpty()) {
                log.warn(
                        "Kafka: topic(s) {} have a replication factor below {}: an admission on them can be lost with "
                                + "a broker (reassign their partitions, kafka-reassign-partitions.sh)",
                        state.belowFactor(),
                        replicationFactor);
            }
        } catch (RuntimeException e) {
            log.warn("Kafka: could not read the topics' replication: {}", e.getMessage());
        }
    }

    /** What the brokers report now (throws when Kafka does not answer in a few seconds). */
    public State state() {
        try {
            int brokers =
                    admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).size();
            var descriptions = admin.describeTopics(topics).allTopicNames().get(3, TimeUnit.SECONDS);
            int underReplicated = 0;
            int partitions = 0;
            var below = new ArrayList<String>();
            for (TopicDescription topic : descriptions.values()) {
                int lowest = Integer.MAX_VALUE;
                for (TopicPartitionInfo partition : topic.partitions()) {
                    partitions++;
                    if (partition.isr().size() < partition.replicas().size()) {
                        underReplicated++;
                    }
                    lowest = Math.min(lowest, partition.replicas().size());
                }
                if (lowest < replicationFactor) {
                    below.add(topic.name() + " (" + lowest + ")");
                }
            }
            return new State(brokers, replicationFactor, minInsyncReplicas(), partitions, underReplicated, below);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static int brokers(Admin admin) {
        try {
            return admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (Exception e) {
            log.warn(
                    "Kafka: could not count the brokers ({}); topics are created with replication factor 1",
                    e.getMessage());
            return 1;
        }
    }

    /** Brokers up, the factor and min.insync.replicas, partitions under-replicated, topics below the factor. */
    public record State(
            int brokersUp,
            int replicationFactor,
            int minInsyncReplicas,
            int partitions,
            int underReplicated,
            List<String> belowFactor) {

        @Override
        public String toString() {
            return brokersUp + " broker(s) up, replication factor " + replicationFactor + ", min.insync.replicas "
                    + minInsyncReplicas + ", " + underReplicated + "/" + partitions + " partition(s) under-replicated"
                    + (belowFactor.isEmpty() ? "" : ", below the factor: " + String.join(", ", belowFactor));
        }
    }
}
