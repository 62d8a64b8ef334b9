package dev.firstcome.backend.monitor;

import dev.firstcome.backend.admission.PipelineDrain;
import dev.firstcome.backend.infra.FirstComeNames;
import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.model.GroupLag;
import dev.firstcome.model.PartitionLag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Consumer lag from the shared AdminClient: for every partition of a topic, its end offset minus the
 * group's committed offset (the log start offset when the group has committed nothing there, since
 * the consumers start from the earliest record). {@link #admitted()} and {@link #deadLetters()} are
 * cached briefly so that a console polling every second costs at most a few AdminClient calls.
 */
@Component
class KafkaLagProbe implements PipelineDrain {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final Admin admin;
    private final FirstComeNames names;
    private final long cacheNanos;
    private final Map<String, LagSnapshot> cache = new HashMap<>();
    private List<GroupLag> groups;
    private long groupsNanos;

    /** The other groups change the console's picture less often than the issuance lag: read every 5 s. */
    private static final Duration GROUPS_TTL = Duration.ofSeconds(5);

    /** The checkout flow's steps and its notices, each its own consumer group on the orders topic. */
    private static final List<String> ORDER_STEPS =
            List.of("stock", "coupon", "payment", "shipment", "compensation", "notifications");

    KafkaLagProbe(
            @Qualifier("firstcomeAdminClient") Admin admin, FirstComeNames names, FirstComeProperties properties) {
        this.admin = admin;
        this.names = names;
        this.cacheNanos = properties.monitor().lagCacheTtl().toNanos();
    }

    /** Lag of the issuance consumer group on the admitted topic, at most {@code lagCacheTtl} old. */
    LagSnapshot admitted() {
        return cached(names.admittedTopic(), names.consumerGroup());
    }

    /** Lag of the dead-letter group on the dead-letter topic, at most {@code lagCacheTtl} old. */
    LagSnapshot deadLetters() {
        return cached(names.deadLetterTopic(), names.deadLetterGroup());
    }

    /**
     * Every consumer group of the pipeline with its lag, at most {@code GROUPS_TTL} old (a group Kafka does
     * not answer for is reported with lag -1, never as 0).
     */
    List<GroupLag> groups() {
        synchronized (cache) {
            if (groups != null && System.nanoTime() - groupsNanos < GROUPS_TTL.toNanos()) {
                return groups;
            }
            var wanted = new ArrayList<GroupLag>();
            wanted.add(new GroupLag(names.consumerGroup(), "issuance", names.admittedTopic(), -1));
            wanted.add(new GroupLag(names.deadLetterGroup(), "dead letters", names.deadLetterTopic(), -1));
            wanted.add(new GroupLag(names.notificationsGroup(), "notifications", names.notificationsTopic(), -1));
            wanted.add(new GroupLag(names.settlementGroup(), "settlement", names.ledgerTopic(), -1));
            for (String step : ORDER_STEPS) {
                wanted.add(new GroupLag(names.ordersGroup(step), "checkout " + step, names.ordersTopic(), -1));
            }
            var read = new ArrayList<GroupLag>();
            boolean answering = true;
            for (GroupLag group : wanted) {
                if (!answering) {
                    read.add(group); // unknown: not asked after Kafka stopped answering in time
                    continue;
                }
                try {
                    long lag = cached(group.topic(), group.group()).totalLag();
                    read.add(new GroupLag(group.group(), group.role(), group.topic(), lag));
                } catch (MonitorUnavailableException e) {
                    read.add(group);
                    // a missing topic fails fast and says nothing of the others; a broker that does not
                    // answer in time would make each of the eleven groups wait as long, under the lock the
                    // issuance lag's readers share: the rest are reported unknown without asking
                    answering = !(e.getCause() instanceof TimeoutException
                            || e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException);
                }
            }
            groups = List.copyOf(read);
            groupsNanos = System.nanoTime();
            return groups;
        }
    }

    /** Records not yet turned into a coupon row or a failed issue, read now (no cache). */
    long freshBacklog() {
        LagSnapshot admitted = fetchAndCache(names.admittedTopic(), names.consumerGroup());
        LagSnapshot deadLetters = fetchAndCache(names.deadLetterTopic(), names.deadLetterGroup());
        return admitted.totalLag() + deadLetters.totalLag();
    }

    /**
     * Waits until nothing is left to persist (consumer and dead-letter lag 0), reading fresh figures
     * every 200 ms, at most {@code wait}. Returns the last backlog seen: 0 when drained.
     */
    @Override
    public long awaitDrained(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        long backlog = freshBacklog();
        while (backlog != 0 && System.nanoTime() - deadline < 0) {
            // the next reading 200 ms later, on the JDK's delayed executor (no event says "drained")
            try {
                backlog = CompletableFuture.supplyAsync(
                                this::freshBacklog, CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS))
                        .get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return backlog;
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException failure
                        ? failure
                        : new IllegalStateException("reading the lag failed", e.getCause());
            }
        }
        return backlog;
    }

    private LagSnapshot cached(String topic, String group) {
        synchronized (cache) {
            LagSnapshot snapshot = cache.get(topic + "|" + group);
            if (snapshot != null && System.nanoTime() - snapshot.nanos() < cacheNanos) {
                return snapshot;
            }
            return fetchAndCache(topic, group);
        }
    }

    private LagSnapshot fetchAndCache(String topic, String group) {
        synchronized (cache) {
            LagSnapshot snapshot = fetch(topic, group);
            cache.put(topic + "|" + group, snapshot);
            return snapshot;
        }
    }

    private LagSnapshot fetch(String topic, String group) {
        try {
            List<TopicPartition> partitions = admin
                    .describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .get(topic)
                    .partitions()
                    .stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            Map<TopicPartition, OffsetAndMetadata> committed = committed(group);
            Map<TopicPartition, ListOffsetsResultInfo> ends = offsets(partitions, OffsetSpec.latest());
            Map<TopicPartition, ListOffsetsResultInfo> starts = offsets(partitions, OffsetSpec.earliest());
            List<PartitionLag> lags = new ArrayList<>();
            long records = 0;
            for (TopicPartition tp : partitions) {
                long end = ends.get(tp).offset();
                records += Math.max(0, end - starts.get(tp).offset());
                OffsetAndMetadata offset = committed.get(tp);
                long position =
                        offset != null ? offset.offset() : starts.get(tp).offset();
                lags.add(new PartitionLag(topic, tp.partition(), end, position, LagSnapshot.lagOf(end, position)));
            }
            lags.sort(Comparator.comparingInt(PartitionLag::partition));
            return new LagSnapshot(topic, group, List.copyOf(lags), records, System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MonitorUnavailableException("Interrupted while reading the consumer lag", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new MonitorUnavailableException(
                    "Kafka did not answer the lag query for " + topic + ": " + cause.getMessage(), cause);
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(String group)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return Map.of(); // the group never committed: it will start from the log start
            }
            throw e;
        }
    }

    private Map<TopicPartition, ListOffsetsResultInfo> offsets(List<TopicPartition> partitions, OffsetSpec spec)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        return admin.listOffsets(request).all().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
