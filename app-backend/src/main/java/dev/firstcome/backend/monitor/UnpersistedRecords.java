package dev.firstcome.backend.monitor;

import dev.firstcome.backend.infra.FirstComeNames;
import dev.firstcome.backend.infra.KafkaJson;
import dev.firstcome.model.CouponAdmitted;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * The admissions Kafka holds that are neither a coupon row nor a failed issue yet: the records of the
 * admitted topic past the issuance group's committed offset, and of the dead-letter topic past the
 * dead-letter group's. Read to the end offsets of the moment of the call, with a consumer of no group
 * (nothing is committed). A record below a committed offset is in the database: the consumers commit
 * only after the rows (or the failed issue) did.
 */
@Component
class UnpersistedRecords {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    /** The reading of one topic's backlog gives up after this long (a backlog of millions is read in seconds). */
    private static final Duration READ_LIMIT = Duration.ofSeconds(60);

    private final Admin admin;
    private final KafkaProperties kafka;
    private final FirstComeNames names;

    UnpersistedRecords(@Qualifier("firstcomeAdminClient") Admin admin, KafkaProperties kafka, FirstComeNames names) {
        this.admin = admin;
        this.kafka = kafka;
        this.names = names;
    }

    /**
     * Admission ids (by event, only these events) in the admitted topic's backlog, then in the dead-letter
     * topic's: a record that moves from one to the other meanwhile is seen in one of them or is a failed
     * issue by the time the caller reads the database afterwards. {@link MonitorUnavailableException}
     * when Kafka does not answer.
     */
    Map<Long, Set<Long>> admissionIds(Set<Long> events) {
        Map<Long, Set<Long>> found = new HashMap<>();
        read(names.admittedTopic(), names.consumerGroup(), events, found);
        read(names.deadLetterTopic(), names.deadLetterGroup(), events, found);
        return found;
    }

    private void read(String topic, String group, Set<Long> events, Map<Long, Set<Long>> found) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "firstcome-repair");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, CALL_TIMEOUT).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            Map<TopicPartition, OffsetAndMetadata> committed = committed(group);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, CALL_TIMEOUT);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, CALL_TIMEOUT);
            Map<TopicPartition, Long> from = new HashMap<>();
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata offset = committed.get(tp);
                long position = Math.max(starts.get(tp), offset != null ? offset.offset() : starts.get(tp));
                if (position < ends.get(tp)) {
                    from.put(tp, position);
                }
            }
            if (from.isEmpty()) {
                return;
            }
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            long deadline = System.nanoTime() + READ_LIMIT.toNanos();
            while (from.keySet().stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() - deadline > 0) {
                    throw new MonitorUnavailableException(
                            "Reading the backlog of " + topic + " took longer than " + READ_LIMIT, null);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        collect(record, events, found);
                    }
                }
            }
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new MonitorUnavailableException("Kafka did not answer reading " + topic + ": " + e.getMessage(), e);
        }
    }

    private static void collect(ConsumerRecord<String, byte[]> record, Set<Long> events, Map<Long, Set<Long>> found) {
        if (record.value() == null) {
            return;
        }
        CouponAdmitted admitted;
        try {
            admitted = KafkaJson.mapper().readValue(record.value(), CouponAdmitted.class);
        } catch (RuntimeException unreadable) {
            return; // no consumer can make a coupon of it either
        }
        if (events.contains(admitted.eventId())) {
            found.computeIfAbsent(admitted.eventId(), e -> new HashSet<>()).add(admitted.admissionId());
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(String group) {
        try {
            return admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return Map.of();
            }
            throw new MonitorUnavailableException("Kafka did not answer the offsets of " + group, e.getCause());
        } catch (TimeoutException e) {
            throw new MonitorUnavailableException("Kafka did not answer the offsets of " + group, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MonitorUnavailableException("Interrupted while reading the offsets of " + group, e);
        }
    }
}
