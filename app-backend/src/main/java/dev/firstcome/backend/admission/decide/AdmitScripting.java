package dev.firstcome.backend.admission.decide;

import dev.firstcome.backend.infra.RedisReplicaAcks;
import dev.firstcome.model.ApplyOutcome;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The apply path's own connection. With {@code replicaAcks} 0 configured a run is one EVALSHA (routed
 * by the event's slot on a Cluster). Otherwise the EVALSHA and a {@code WAIT n timeout} are pipelined
 * on the connection of the master that serves the event's slot (on a Cluster, Lettuce's connection to
 * that node; WAIT counts the writes of the connection it is sent on): one WAIT per run, so per batch
 * of the group commit. {@code n} is the configured count, or fewer when that master has fewer replicas
 * attached ({@link RedisReplicaAcks#required}, a cached count: no extra command), and no WAIT at all
 * when it has none. When fewer replicas acknowledged in time, every ISSUED of the run is answered
 * {@link LuaAdmissionStrategy#UNACKNOWLEDGED}: the pipeline undoes it and answers 503.
 */
record AdmitScripting(
        AbstractRedisClient client,
        StatefulConnection<String, String> connection,
        RedisScriptingAsyncCommands<String, String> commands,
        String sha,
        String script,
        RedisReplicaAcks replicaAcks,
        long replicaAckTimeoutMillis,
        Executor blockingWork) {

    private static final Logger log = LoggerFactory.getLogger(AdmitScripting.class);

    /** EVALSHA; EVAL (which caches the script again) when Redis answers NOSCRIPT, e.g. after a restart. */
    CompletableFuture<List<Object>> run(String[] keys, String[] args) {
        if (replicaAcks.configured() > 0) {
            return nodeOf(keys[0]).thenCompose(node -> runAndWait(node, keys, args));
        }
        CompletableFuture<List<Object>> first = commands.<List<Object>>evalsha(sha, ScriptOutputType.MULTI, keys, args)
                .toCompletableFuture();
        return first.exceptionallyCompose(e -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            return cause instanceof RedisNoScriptException
                    ? commands.<List<Object>>eval(script, ScriptOutputType.MULTI, keys, args)
                            .toCompletableFuture()
                    : CompletableFuture.failedFuture(cause);
        });
    }

    /** The master serving the key's slot (the one connection, outside a Cluster). */
    private CompletableFuture<MasterCommands> nodeOf(String key) {
        if (connection instanceof StatefulRedisConnection<String, String> standalone) {
            return CompletableFuture.completedFuture(
                    new MasterCommands(RedisReplicaAcks.SINGLE_MASTER, standalone.async()));
        }
        var cluster = (StatefulRedisClusterConnection<String, String>) connection;
        RedisClusterNode master = cluster.getPartitions().getMasterBySlot(SlotHash.getSlot(key));
        if (master == null) {
            refreshTopology();
            return CompletableFuture.failedFuture(
                    new RedisException("no Redis master serves slot " + SlotHash.getSlot(key) + " right now"));
        }
        return cluster.getConnectionAsync(master.getNodeId())
                .thenApply(c -> new MasterCommands(master.getNodeId(), c.async()));
    }

    private CompletableFuture<List<Object>> runAndWait(MasterCommands master, String[] keys, String[] args) {
        RedisAsyncCommands<String, String> node = master.commands();
        // the acknowledgements this master can give (cached, refreshed off the apply path)
        int required = replicaAcks.required(master.id());
        // pipelined: the WAIT follows the script on the same connection without waiting for its answer
        CompletableFuture<List<Object>> script = node.<List<Object>>evalsha(sha, ScriptOutputType.MULTI, keys, args)
                .toCompletableFuture();
        CompletableFuture<List<Object>> answered = required > 0
                ? script.thenCombine(
                        node.waitForReplication(required, replicaAckTimeoutMillis)
                                .toCompletableFuture(),
                        (answer, acked) -> acknowledged(master.id(), required, answer, acked))
                : script;
        return answered.exceptionallyCompose(e -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof RedisNoScriptException) {
                CompletableFuture<List<Object>> again = node.<List<Object>>eval(
                                script(), ScriptOutputType.MULTI, keys, args)
                        .toCompletableFuture();
                return required > 0
                        ? again.thenCombine(
                                node.waitForReplication(required, replicaAckTimeoutMillis)
                                        .toCompletableFuture(),
                                (answer, acked) -> acknowledged(master.id(), required, answer, acked))
                        : again;
            }
            if (cause instanceof RedisCommandExecutionException redirected
                    && redirected.getMessage() != null
                    && (redirected.getMessage().startsWith("MOVED")
                            || redirected.getMessage().startsWith("ASK"))) {
                // the slot moved (a failover): nothing was run; the next apply goes to the new master
                refreshTopology();
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    /** The script's answer, with every ISSUED replaced by UNACKNOWLEDGED when too few replicas acknowledged. */
    private List<Object> acknowledged(String masterId, int required, List<Object> answer, Long acked) {
        if (acked != null && acked >= required) {
            return answer;
        }
        // a replica may be gone for good: ask the masters again now, not at the next refresh
        replicaAcks.shortfall(masterId);
        if (answer.size() % 3 != 0) {
            return answer; // NO_STATE: nothing was written
        }
        var marked = new java.util.ArrayList<Object>(answer);
        for (int i = 0; i < marked.size(); i += 3) {
            if (ApplyOutcome.ISSUED.name().equals(String.valueOf(marked.get(i)))) {
                marked.set(i, LuaAdmissionStrategy.UNACKNOWLEDGED);
            }
        }
        return marked;
    }

    private void refreshTopology() {
        if (client instanceof RedisClusterClient cluster) {
            blockingWork.execute(() -> {
                try {
                    cluster.refreshPartitions();
                } catch (RuntimeException e) {
                    log.debug("Redis Cluster topology refresh failed: {}", e.getMessage());
                }
            });
        }
    }

    /** A master's node id ({@link RedisReplicaAcks#SINGLE_MASTER} outside a Cluster) and its commands. */
    private record MasterCommands(String id, RedisAsyncCommands<String, String> commands) {}
}
