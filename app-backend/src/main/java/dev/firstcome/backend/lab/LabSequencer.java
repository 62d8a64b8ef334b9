package dev.firstcome.backend.lab;

import dev.firstcome.backend.admission.AdmissionUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

/**
 * The {@code kafka-sequencer}'s runtime, started on first use: the requests and replies topics, the
 * Kafka Streams application (one sequencer per partition, state store {@value #STORE}, exactly-once),
 * a producer for the requests and a group-less {@code read_committed} consumer of every replies
 * partition that completes the waiting applies by request id (so any server gets its answers, whoever
 * sequenced them).
 *
 * <p>Requests: key = event id, value {@code A|requestId|limit|userId} (apply) or {@code
 * U|requestId|0|userId} (undo). Replies: key = request id, value {@code OUTCOME|rank}.
 */
final class LabSequencer {

    static final String STORE = "lab-sequencer-state";

    private static final Logger log = LoggerFactory.getLogger(LabSequencer.class);

    private final Environment environment;
    private final LabProperties.Sequencer settings;
    private final String requestsTopic;
    private final String repliesTopic;
    private final String applicationId;
    private final String instance = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();

    private volatile CompletableFuture<Runtime> runtime;
    private volatile boolean closed;

    LabSequencer(Environment environment, LabProperties.Sequencer settings, String namespace) {
        this.environment = environment;
        this.settings = settings;
        String prefix = namespace == null || namespace.isBlank() ? "" : namespace.strip() + ".";
        this.requestsTopic = prefix + settings.requestsTopic();
        this.repliesTopic = prefix + settings.repliesTopic();
        this.applicationId = prefix + "firstcome-lab-sequencer";
    }

    /** Sends an apply; completes with the sequencer's answer {@code OUTCOME|rank}, or fails (timeout, Kafka down). */
    CompletableFuture<String> apply(long eventId, int limit, String userId) {
        return runtime().thenCompose(rt -> {
            String requestId = instance + "-" + sequence.incrementAndGet();
            CompletableFuture<String> answer = new CompletableFuture<>();
            waiting.put(requestId, answer);
            rt.producer.send(
                    new ProducerRecord<>(
                            requestsTopic, Long.toString(eventId), "A|" + requestId + "|" + limit + "|" + userId),
                    (metadata, failure) -> {
                        if (failure != null) {
                            answer.completeExceptionally(
                                    new AdmissionUnavailableException("Kafka refused the apply record", failure));
                        }
                    });
            return answer.orTimeout(settings.replyTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((reply, failure) -> waiting.remove(requestId));
        });
    }

    /** Gives a unit back (fire and forget; the sequencer applies it in order with the applies). */
    void undo(long eventId, String userId) {
        runtime()
                .thenAccept(rt -> rt.producer.send(new ProducerRecord<>(
                        requestsTopic, Long.toString(eventId), "U|" + instance + "-undo|0|" + userId)));
    }

    private CompletableFuture<Runtime> runtime() {
        CompletableFuture<Runtime> current = runtime;
        if (current == null) {
            synchronized (this) {
                current = runtime;
                if (current == null) {
                    if (closed) {
                        return CompletableFuture.failedFuture(
                                new AdmissionUnavailableException("the kafka-sequencer is shut down"));
                    }
                    current = CompletableFuture.supplyAsync(this::start, Thread::startVirtualThread);
                    runtime = current;
                    // a failed start is retried by the next apply
                    current.whenComplete((rt, failure) -> {
                        if (failure != null) {
                            synchronized (this) {
                                runtime = null;
                            }
                        }
                    });
                }
            }
        }
        return current;
    }

    private Runtime start() {
        String bootstrap = environment.getProperty("spring.kafka.bootstrap-servers", "127.0.0.1:9092");
        createTopics(bootstrap);
        KafkaConsumer<String, String> replies = replyConsumer(bootstrap);
        Thread reader =
                Thread.ofPlatform().daemon().name("lab-sequencer-replies").start(() -> readReplies(replies));
        KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(bootstrap));
        KafkaStreams streams = new KafkaStreams(topology(), streamsConfig(bootstrap));
        CompletableFuture<Void> running = new CompletableFuture<>();
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.complete(null);
            } else if (now == KafkaStreams.State.ERROR) {
                running.completeExceptionally(new IllegalStateException("Kafka Streams went to ERROR"));
            }
        });
        streams.start();
        Runtime rt = new Runtime(streams, producer, replies, reader);
        try {
            running.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            rt.close();
            throw new AdmissionUnavailableException("interrupted while starting the kafka-sequencer", e);
        } catch (ExecutionException | TimeoutException e) {
            rt.close();
            throw new AdmissionUnavailableException("the kafka-sequencer did not start: " + e, e);
        }
        log.info("kafka-sequencer running ({} -> {}, exactly_once_v2)", requestsTopic, repliesTopic);
        return rt;
    }

    private void createTopics(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            for (String topic : List.of(requestsTopic, repliesTopic)) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, settings.partitions(), (short) -1)))
                            .all()
                            .get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new AdmissionUnavailableException("cannot create " + topic + ": " + e.getCause(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdmissionUnavailableException("interrupted while creating the sequencer topics", e);
        } catch (TimeoutException e) {
            throw new AdmissionUnavailableException("Kafka did not create the sequencer topics in time", e);
        }
    }

    /** Every replies partition, from its end, no group: positions resolved before any request is sent. */
    private KafkaConsumer<String, String> replyConsumer(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        // a topic created a moment ago may not be in the metadata yet: ask again until it is
        while (partitions.isEmpty() && System.nanoTime() < deadline) {
            partitions.clear();
            consumer.partitionsFor(repliesTopic, Duration.ofSeconds(10))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            if (partitions.isEmpty()) {
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
        }
        if (partitions.isEmpty()) {
            consumer.close();
            throw new AdmissionUnavailableException("the topic " + repliesTopic + " has no partitions yet");
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(p -> consumer.position(p, Duration.ofSeconds(30)));
        return consumer;
    }

    private void readReplies(KafkaConsumer<String, String> consumer) {
        try {
            while (!closed) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    CompletableFuture<String> answer = waiting.remove(record.key());
                    if (answer != null) {
                        answer.complete(record.value());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.warn("kafka-sequencer reply reader stopped: {}", e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private static Properties producerConfig(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "3000");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return props;
    }

    private Properties streamsConfig(String bootstrap) {
        Path stateDir;
        try {
            stateDir = Files.createTempDirectory("firstcome-lab-streams-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
                Long.toString(settings.commitInterval().toMillis()));
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
        // a crashed sequencer's partitions move to a live one after this, not after the 45 s default
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), "10000");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), "2000");
        return props;
    }

    private org.apache.kafka.streams.Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.String()));
        builder.stream(requestsTopic, Consumed.with(Serdes.String(), Serdes.String()))
                .process(Sequencer::new, STORE)
                .to(repliesTopic, Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    void close() {
        closed = true;
        CompletableFuture<Runtime> current = runtime;
        if (current != null && current.isDone() && !current.isCompletedExceptionally()) {
            current.join().close();
        }
        waiting.values()
                .forEach(f -> f.completeExceptionally(new AdmissionUnavailableException("the sequencer is closing")));
    }

    /** The single writer of a partition: decides in order, keeps count and winners per event. */
    static final class Sequencer implements Processor<String, String, String, String> {

        private ProcessorContext<String, String> context;
        private KeyValueStore<String, String> store;

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, String> request) {
            String[] parts = request.value().split("\\|", 4);
            if (parts.length < 4) {
                return;
            }
            String eventId = request.key();
            String countKey = "c:" + eventId;
            String userKey = "u:" + eventId + ":" + parts[3];
            long count = store.get(countKey) == null ? 0 : Long.parseLong(store.get(countKey));
            if ("U".equals(parts[0])) {
                if (store.get(userKey) != null) {
                    store.delete(userKey);
                    store.put(countKey, Long.toString(Math.max(0, count - 1)));
                }
                return;
            }
            String reply;
            if (store.get(userKey) != null) {
                reply = "ALREADY_APPLIED|0";
            } else if (count >= Long.parseLong(parts[2])) {
                reply = "SOLD_OUT|0";
            } else {
                count++;
                store.put(countKey, Long.toString(count));
                store.put(userKey, Long.toString(count));
                reply = "ISSUED|" + count;
            }
            context.forward(request.withKey(parts[1]).withValue(reply));
        }
    }

    private record Runtime(
            KafkaStreams streams,
            KafkaProducer<String, String> producer,
            KafkaConsumer<String, String> replies,
            Thread reader) {

        void close() {
            streams.close(Duration.ofSeconds(10));
            producer.close(Duration.ofSeconds(2));
            replies.wakeup();
        }
    }
}
