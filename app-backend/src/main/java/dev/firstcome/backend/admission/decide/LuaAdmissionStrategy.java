package dev.firstcome.backend.admission.decide;

import dev.firstcome.backend.admission.AdmissionStrategy;
import dev.firstcome.backend.admission.state.AdmissionKeys;
import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.backend.infra.RedisReplicaAcks;
import dev.firstcome.backend.infra.RedisTopology;
import dev.firstcome.model.ApplyOutcome;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The production strategy: admit.lua decides in one atomic round trip; undo.lua reverses one admission.
 * {@link #admitAsync} sends the same EVALSHA without blocking a thread (the apply server's path), on a
 * connection of its own from the same Lettuce client (same address, credentials and client options);
 * concurrent applies to one event share a run ({@link AdmissionBatcher}). {@link #admit} (the main port's
 * blocking path) waits for the same batches.
 */
@Component
class LuaAdmissionStrategy implements AdmissionStrategy, DisposableBean {

    /** The script's answer when the event's meta hash is missing. */
    static final String NO_STATE = "NO_STATE";

    /** Put in place of ISSUED when the replicas did not acknowledge the run in time (never a script answer). */
    static final String UNACKNOWLEDGED = "UNACKNOWLEDGED";

    private static final Logger log = LoggerFactory.getLogger(LuaAdmissionStrategy.class);

    private final StringRedisTemplate redis;

    @SuppressWarnings("rawtypes")
    private final RedisScript<List> admitScript;

    private final RedisScript<Long> undoScript;
    private final AdmissionKeys keys;
    private final String dayTtlSeconds;
    private final LettuceConnectionFactory lettuce;
    private final Executor connector = Executors.newVirtualThreadPerTaskExecutor();
    /** Null when {@code firstcome.admission.max-batch} is 1: every apply runs the script alone. */
    private final AdmissionBatcher batcher;

    private final DistributionSummary batchSizes;
    /**
     * Replicas that must acknowledge each run that admitted (Redis WAIT): the configured count, at most the
     * replicas the event's master has attached (0 configured: no WAIT).
     */
    private final RedisReplicaAcks replicaAcks;

    private final long replicaAckTimeoutMillis;
    private volatile CompletableFuture<AdmitScripting> async;

    @SuppressWarnings("rawtypes")
    LuaAdmissionStrategy(
            StringRedisTemplate redis,
            RedisScript<List> admitScript,
            RedisScript<Long> undoScript,
            AdmissionKeys keys,
            FirstComeProperties properties,
            RedisConnectionFactory connectionFactory,
            MeterRegistry meters,
            RedisTopology topology,
            RedisReplicaAcks replicaAcks) {
        this.replicaAcks = replicaAcks;
        this.replicaAckTimeoutMillis = Math.max(1, topology.replicaAckTimeout().toMillis());
        this.redis = redis;
        this.admitScript = admitScript;
        this.undoScript = undoScript;
        this.keys = keys;
        this.dayTtlSeconds = Long.toString(properties.redis().dayCounterTtl().toSeconds());
        this.lettuce = connectionFactory instanceof LettuceConnectionFactory factory ? factory : null;
        int maxBatch = properties.admission().maxBatch();
        this.batcher = maxBatch > 1 ? new AdmissionBatcher(maxBatch, this::runBatch) : null;
        this.batchSizes = DistributionSummary.builder("firstcome.admission.batch")
                .description("applies decided by one run of admit.lua")
                .baseUnit("applies")
                .register(meters);
    }

    @Override
    public String name() {
        return LUA;
    }

    @Override
    public Decision admit(EventLimits event, String userId, LocalDate day, Instant now) {
        if (lettuce != null) {
            // the main port's applies join the same batches as the apply server's (a virtual thread waits)
            try {
                return admitAsync(event, userId, day, now).join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause
                        ? cause
                        : new io.lettuce.core.RedisException(e.getCause());
            }
        }
        List<?> result = redis.execute(
                admitScript,
                keys.admitKeys(event.eventId(), day),
                userId,
                day.toString(),
                Long.toString(now.toEpochMilli()),
                dayTtlSeconds);
        return decision(event.eventId(), result);
    }

    /**
     * The same decision as {@link #admit}, completed on Lettuce's I/O thread. Concurrent applies to the
     * same event share one run of the script ({@link AdmissionBatcher}): one Redis round trip per batch. Fails with
     * {@link AdmissionStateMissingException} when the event has no state, or with Lettuce's exception when
     * Redis cannot be reached (commands are rejected at once while disconnected, and time out after the
     * configured command timeout).
     */
    @Override
    public CompletableFuture<Decision> admitAsync(EventLimits event, String userId, LocalDate day, Instant now) {
        if (lettuce == null) {
            return AdmissionStrategy.super.admitAsync(event, userId, day, now);
        }
        CompletableFuture<List<Object>> answer = batcher == null
                ? runAlone(event.eventId(), day, userId, now.toEpochMilli())
                : batcher.submit(event.eventId(), day, userId, now.toEpochMilli());
        return answer.thenApply(result -> decision(event.eventId(), result));
    }

    /** One run of admit.lua for one apply (max-batch 1). */
    private CompletableFuture<List<Object>> runAlone(long eventId, LocalDate day, String userId, long nowMillis) {
        batchSizes.record(1);
        String[] keyArray = keys.admitKeys(eventId, day).toArray(String[]::new);
        String[] args = {userId, day.toString(), Long.toString(nowMillis), dayTtlSeconds};
        return scripting().thenCompose(commands -> commands.run(keyArray, args));
    }

    /** One run of admit.lua for a batch of applies to one event and day (the script's batch form beyond one). */
    private CompletableFuture<List<Object>> runBatch(long eventId, LocalDate day, List<AdmissionBatcher.Apply> batch) {
        batchSizes.record(batch.size());
        String[] keyArray = keys.admitKeys(eventId, day).toArray(String[]::new);
        String[] args = new String[2 + 2 * batch.size()];
        args[0] = batch.getFirst().userId();
        args[1] = day.toString();
        args[2] = Long.toString(batch.getFirst().nowMillis());
        args[3] = dayTtlSeconds;
        for (int i = 1; i < batch.size(); i++) {
            args[2 + 2 * i] = batch.get(i).userId();
            args[3 + 2 * i] = Long.toString(batch.get(i).nowMillis());
        }
        return scripting().thenCompose(commands -> commands.run(keyArray, args));
    }

    private Decision decision(long eventId, List<?> result) {
        String outcome = String.valueOf(result.getFirst());
        if (NO_STATE.equals(outcome)) {
            throw new AdmissionStateMissingException(eventId);
        }
        if (UNACKNOWLEDGED.equals(outcome)) {
            throw new ReplicaNotAcknowledgedException(
                    eventId,
                    new Decision(
                            ApplyOutcome.ISSUED,
                            ((Number) result.get(1)).longValue(),
                            ((Number) result.get(2)).longValue()));
        }
        ApplyOutcome parsed = ApplyOutcome.valueOf(outcome);
        if (parsed != ApplyOutcome.ISSUED) {
            return Decision.refused(parsed);
        }
        return new Decision(
                ApplyOutcome.ISSUED, ((Number) result.get(1)).longValue(), ((Number) result.get(2)).longValue());
    }

    /**
     * The connection of the current Lettuce client. The connection factory replaces its client when it is
     * stopped and started again (e.g. a paused test context): the connection follows it.
     */
    private CompletableFuture<AdmitScripting> scripting() {
        AbstractRedisClient client = lettuce.getNativeClient();
        CompletableFuture<AdmitScripting> current = async;
        if (current != null && usable(current, client)) {
            return current;
        }
        synchronized (this) {
            if (async == null || !usable(async, client)) {
                CompletableFuture<AdmitScripting> previous = async;
                if (previous != null && previous.isDone() && !previous.isCompletedExceptionally()) {
                    previous.join().connection().closeAsync();
                }
                // connecting blocks (connect timeout): never on the caller's thread, which may be an event loop
                async = client == null
                        ? CompletableFuture.failedFuture(new RedisConnectionException("the Redis client is stopped"))
                        : CompletableFuture.supplyAsync(() -> connect(client), connector);
            }
            return async;
        }
    }

    private static boolean usable(CompletableFuture<AdmitScripting> scripting, AbstractRedisClient client) {
        if (!scripting.isDone()) {
            return true;
        }
        return !scripting.isCompletedExceptionally() && scripting.join().client() == client;
    }

    private AdmitScripting connect(AbstractRedisClient client) {
        StatefulConnection<String, String> connection;
        RedisScriptingAsyncCommands<String, String> commands;
        switch (client) {
            case RedisClient standalone -> {
                var c = standalone.connect(StringCodec.UTF8);
                connection = c;
                commands = c.async();
            }
            case RedisClusterClient cluster -> {
                var c = cluster.connect(StringCodec.UTF8);
                connection = c;
                commands = c.async();
            }
            default -> throw new IllegalStateException("unsupported Redis client " + client.getClass());
        }
        log.info("Apply path connected to Redis for non-blocking admissions");
        return new AdmitScripting(
                client,
                connection,
                commands,
                admitScript.getSha1(),
                admitScript.getScriptAsString(),
                replicaAcks,
                replicaAckTimeoutMillis,
                connector);
    }

    @Override
    public void undo(EventLimits event, String userId, LocalDate day, Decision decision) {
        redis.execute(undoScript, keys.undoKeys(event.eventId(), day), userId, Long.toString(decision.admissionId()));
    }

    @Override
    public void destroy() {
        CompletableFuture<AdmitScripting> current = async;
        if (current != null && current.isDone() && !current.isCompletedExceptionally()) {
            current.join().connection().close();
        }
    }

    /**
     * The replicas did not acknowledge the run that made this admission within the replica ack timeout:
     * it must be undone (a failover could lose it) and the apply answered 503.
     */
    static final class ReplicaNotAcknowledgedException extends RuntimeException {
        private final long eventId;
        private final Decision decision;

        ReplicaNotAcknowledgedException(long eventId, Decision decision) {
            super(
                    "Redis replicas did not acknowledge admission " + decision.admissionId() + " of event " + eventId
                            + " in time",
                    null,
                    false,
                    false);
            this.eventId = eventId;
            this.decision = decision;
        }

        long eventId() {
            return eventId;
        }

        Decision decision() {
            return decision;
        }
    }

    /** Thrown when Redis has no state for the event (it restarted empty): the apply answers 503. */
    static final class AdmissionStateMissingException extends RuntimeException {
        private final long eventId;

        AdmissionStateMissingException(long eventId) {
            super("event " + eventId + " has no admission state in Redis", null, false, false);
            this.eventId = eventId;
        }

        long eventId() {
            return eventId;
        }
    }
}
