package dev.firstcome.backend.lab;

import dev.firstcome.backend.admission.AdmissionStrategy;
import dev.firstcome.backend.admission.AdmissionUnavailableException;
import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.model.ApplyOutcome;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code kafka-sequencer}: every apply becomes a record keyed by its event on a requests topic; Kafka
 * Streams runs one single writer per partition that decides the event's applies in order (count and
 * winners in a RocksDB state store, backed by a changelog) under {@code processing.guarantee =
 * exactly_once_v2}, and writes each answer to a reply topic keyed by the request id; the apply path
 * waits for its answer (a 503 after {@code firstcome.lab.sequencer.reply-timeout}). Never oversells nor
 * duplicates, on any number of servers and across crashes of a sequencer: the state change, the answer
 * and the consumed offset commit in one Kafka transaction.
 *
 * <p>What it shows is the price: an answer is only visible to a {@code read_committed} reader once its
 * transaction commits (every {@code firstcome.lab.sequencer.commit-interval}), so each apply waits two
 * Kafka hops plus up to a commit interval where the Lua script takes one Redis round trip. An apply
 * that timed out may still be decided later (counted, never answered). Total limit only. The Kafka
 * Streams runtime starts with the first apply of a kafka-sequencer event ({@link LabSequencer}).
 */
@Component
class KafkaSequencerStrategy implements AdmissionStrategy, DisposableBean {

    static final String NAME = "kafka-sequencer";

    private final LabSequencer sequencer;

    KafkaSequencerStrategy(Environment environment, LabProperties properties, FirstComeProperties firstCome) {
        this.sequencer = new LabSequencer(environment, properties.sequencer(), firstCome.namespace());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompletableFuture<Decision> admitAsync(EventLimits event, String userId, LocalDate day, Instant now) {
        return sequencer
                .apply(event.eventId(), event.totalQuantity(), userId)
                .thenApply(KafkaSequencerStrategy::decision)
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(unavailable(failure)));
    }

    @Override
    public Decision admit(EventLimits event, String userId, LocalDate day, Instant now) {
        try {
            return admitAsync(event, userId, day, now).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    @Override
    public void undo(EventLimits event, String userId, LocalDate day, Decision decision) {
        sequencer.undo(event.eventId(), userId);
    }

    /** The answer {@code OUTCOME|rank} as a decision (the rank doubles as the admission id). */
    static Decision decision(String reply) {
        int bar = reply.indexOf('|');
        ApplyOutcome outcome = ApplyOutcome.valueOf(bar < 0 ? reply : reply.substring(0, bar));
        long rank = bar < 0 ? 0 : Long.parseLong(reply.substring(bar + 1));
        return outcome.issued() ? new Decision(outcome, rank, rank) : Decision.refused(outcome);
    }

    private static RuntimeException unavailable(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof AdmissionUnavailableException unavailable) {
            return unavailable;
        }
        if (cause instanceof TimeoutException) {
            return new AdmissionUnavailableException(
                    "The kafka-sequencer did not answer in time; the apply may still be decided", cause);
        }
        return new AdmissionUnavailableException("The kafka-sequencer is unavailable: " + cause, cause);
    }

    @Override
    public void destroy() {
        sequencer.close();
    }
}
