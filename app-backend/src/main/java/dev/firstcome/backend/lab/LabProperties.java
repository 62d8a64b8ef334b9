package dev.firstcome.backend.lab;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The strategy lab's settings ({@code firstcome.lab.*}, {@code FIRSTCOME_LAB_*}). A record of its own
 * rather than a field of {@code FirstComeProperties} so that the lab's settings stay in the lab
 * module.
 *
 * @param flushInterval how often the {@code jvm-buffered-*} strategies add their in-memory increments
 *     to the database counter (and read the counter other servers flushed to)
 * @param sequencer the {@code kafka-sequencer}'s topics and timeouts
 * @param readyFile set on a worker JVM of a lab rush only: where it writes its apply URL once it is
 *     ready ({@link LabWorkerReadiness})
 */
@Validated
@ConfigurationProperties("firstcome.lab")
public record LabProperties(
        @DefaultValue("1s") Duration flushInterval,
        @Valid @DefaultValue Sequencer sequencer,
        String readyFile) {

    /**
     * @param requestsTopic apply records keyed by event (namespace-prefixed)
     * @param repliesTopic the sequencer's answers keyed by request id
     * @param partitions partitions of both topics (one single writer each)
     * @param replyTimeout how long an apply waits for its answer before a 503
     * @param commitInterval Kafka Streams' commit interval: under exactly-once an answer is visible
     *     (read_committed) only once its transaction commits
     */
    public record Sequencer(
            @DefaultValue("lab-sequencer-requests") String requestsTopic,
            @DefaultValue("lab-sequencer-replies") String repliesTopic,
            @DefaultValue("4") @Min(1) @Max(64) int partitions,
            @DefaultValue("10s") Duration replyTimeout,
            @DefaultValue("100ms") Duration commitInterval) {}
}
