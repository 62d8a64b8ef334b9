package dev.firstcome.backend.infra;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * All of FirstCome's own settings ({@code firstcome.*}, or {@code FIRSTCOME_*} environment
 * variables). Component addresses ({@code firstcome.redis.url}, {@code firstcome.kafka.bootstrap-servers},
 * {@code firstcome.db.*}) are read before the context starts, to choose embedded or external servers.
 */
@Validated
@ConfigurationProperties("firstcome")
public record FirstComeProperties(
        String dataDir,
        @DefaultValue("") String namespace,
        String adminToken,
        @Valid @DefaultValue Redis redis,
        @Valid @DefaultValue Kafka kafka,
        @Valid @DefaultValue Db db,
        @Valid @DefaultValue Embedded embedded,
        @Valid @DefaultValue Admission admission,
        @Valid @DefaultValue ApplyServer applyServer,
        @Valid @DefaultValue Issuance issuance,
        @Valid @DefaultValue Notifications notifications,
        @Valid @DefaultValue Rush rush,
        @Valid @DefaultValue Monitor monitor,
        @Valid @DefaultValue Redemption redemption,
        @Valid @DefaultValue Orders orders) {

    /**
     * Redis address and key layout. Keys are {@code <prefix>:{evt:<id>}:<name>}. One of {@code url}
     * (standalone), {@code clusterNodes} ({@code host:port,...}: Redis Cluster) or {@code sentinelMaster}
     * with {@code sentinelNodes} (Sentinel); none: the embedded Redis. {@code password} for every mode.
     * {@code replicaAcks}: replicas that must acknowledge each admission batch (Redis {@code WAIT})
     * before it is promised; unset: 1 on a Cluster or Sentinel, 0 on a standalone Redis; never more than the
     * batch's master has replicas attached, asked of every master each {@code replicaCountRefresh} ({@link
     * RedisReplicaAcks}). {@code
     * topologyRefresh}: how often a Cluster client re-reads the cluster's topology (it also does so at
     * once on a MOVED/ASK redirect or a reconnect).
     */
    public record Redis(
            String url,
            @NotBlank @DefaultValue("fc") String keyPrefix,
            @DefaultValue("4d") Duration dayCounterTtl,
            @NotBlank @DefaultValue("events:changed") String eventsChannel,
            String clusterNodes,
            String sentinelMaster,
            String sentinelNodes,
            String password,
            @Min(0) Integer replicaAcks,
            @DefaultValue("1s") Duration replicaAckTimeout,
            @DefaultValue("2s") Duration topologyRefresh,
            @DefaultValue("1s") Duration replicaCountRefresh) {}

    /**
     * Kafka address, topics and producer bounds. {@code replicationFactor}: the replicas of each topic
     * FirstCome creates; unset: the smaller of 3 and the number of brokers ({@code min.insync.replicas}
     * is 2 from a factor of 3).
     */
    public record Kafka(
            String bootstrapServers,
            @Min(1) @DefaultValue("4") int partitions,

            @NotBlank @DefaultValue("firstcome.coupon-admitted")
            String admittedTopic,

            @NotBlank @DefaultValue("firstcome.coupon-admitted.dlt")
            String deadLetterTopic,

            @NotBlank @DefaultValue("firstcome.coupon-persisted")
            String notificationsTopic,

            @NotBlank @DefaultValue("firstcome-issuance") String consumerGroup,

            @NotBlank @DefaultValue("firstcome-dead-letters")
            String deadLetterGroup,

            @NotBlank @DefaultValue("firstcome-notifications")
            String notificationsGroup,

            @DefaultValue("5s") Duration sendTimeout,
            @Min(1) Integer replicationFactor) {}

    /** External database; empty means the embedded PostgreSQL. */
    public record Db(String url, String user, String password) {}

    /** Embedded servers: {@code stop=context} (default) or {@code jvm} (tests share one set per JVM). */
    public record Embedded(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("context") String stop,
            @DefaultValue("true") boolean redisPersistent,
            @DefaultValue("true") boolean postgresFsync) {}

    /** The apply path; {@code fastPath} answers applies from a servlet filter (see FastApplyFilter). */
    /**
     * The apply server: {@code POST /api/events/{id}/apply} on a port of its own, served by a small
     * non-blocking HTTP/1.1 server (the customer-facing hot path). {@code port} unset: 8081, or a free
     * port when 8081 is taken; 0: a free port. {@code threads} 0: one event loop per core.
     */
    public record ApplyServer(
            @DefaultValue("true") boolean enabled,
            Integer port,
            @DefaultValue("0.0.0.0") String address,
            @Min(0) @DefaultValue("0") int threads,
            @DefaultValue("60s") Duration idleTimeout) {}

    /**
     * {@code maxBatch}: at most this many applies to one event are decided by one run of admit.lua (the
     * applies that arrive while the previous run is in flight; 1: one run per apply). {@code
     * undoRetryInterval}: how often admissions whose Kafka hand-off failed and whose undo failed too
     * (Redis down as well) are undone again.
     */
    public record Admission(
            @DefaultValue("30s") Duration eventCacheRefresh,
            @DefaultValue("true") boolean fastPath,
            @Min(1) @Max(1000) @DefaultValue("128") int maxBatch,
            @DefaultValue("5s") Duration undoRetryInterval) {}

    /** Kafka to database. */
    public record Issuance(
            @Min(1) @DefaultValue("5000") int batchSize,
            @Min(1) @DefaultValue("2") int concurrency,
            @DefaultValue("50ms") Duration pollTimeout,
            @Min(0) @DefaultValue("3") int retryAttempts,
            @DefaultValue("200ms") Duration retryBackoff,
            @DefaultValue("true") boolean scheduledReissue,
            @DefaultValue("1m") Duration reissueInterval) {}

    /**
     * Winner notices. {@code sweepInterval}: how often coupons without a notice are looked for (their
     * CouponPersisted announcement was lost, e.g. Kafka failed right after the database commit); {@code
     * sweepAfter}: how old such a coupon must be before it is announced again; {@code sweepWindow}: how
     * far back the sweep looks (older coupons without a notice are left alone).
     */
    public record Notifications(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("coupons@firstcome.local") String from,
            @DefaultValue("1m") Duration sweepInterval,
            @DefaultValue("2m") Duration sweepAfter,
            @DefaultValue("1d") Duration sweepWindow) {}

    /**
     * Rush simulator defaults and bounds: {@code drainTimeout} bounds the wait for persisted rows after
     * a run; {@code syncMaxRequests} bounds {@code POST /api/admin/rush?wait=true}; warm-up size.
     */
    public record Rush(
            @Min(1) @DefaultValue("64") int defaultConcurrency,
            @DefaultValue("30s") Duration requestTimeout,
            @DefaultValue("30s") Duration drainTimeout,
            @Min(1) @DefaultValue("1000000") int maxUsers,
            @Min(1) @DefaultValue("1024") int maxConcurrency,
            @Min(1) @DefaultValue("50000") int syncMaxRequests,
            @Min(1) @DefaultValue("100000") int warmupUsers,
            @Min(1) @DefaultValue("64") int warmupConcurrency) {}

    /**
     * Monitoring, reconcile and Redis-loss recovery: the persist-rate and lag-trend window, how long
     * AdminClient answers are cached, how long a rebuild or heal waits for the consumer to drain and
     * when a rebuild that could not drain is tried again; {@code lagThreshold}: the pipeline is LAGGING
     * only while persisting is more than this far behind (seconds of backlog at the measured rate).
     */
    public record Monitor(
            @DefaultValue("10s") Duration window,
            @DefaultValue("500ms") Duration lagCacheTtl,
            @DefaultValue("30s") Duration drainWait,
            @DefaultValue("10s") Duration healDrainWait,
            @DefaultValue("5s") Duration rebuildRetry,
            @DefaultValue("5s") Duration lagThreshold) {}

    /**
     * Coupons after the win (issue 16). {@code expiryInterval}: how often coupons past their validity are
     * marked EXPIRED, {@code expiryBatch} rows per statement (a coupon's status row is written in the
     * transaction that persists it). Ledger entries go to {@code ledgerTopic} through the event publication
     * registry; ones not sent {@code resubmitAfter} after their commit are sent again; {@code settlementGroup} books them into the vendor ledger.
     * {@code outboxThreads}: how many of the registry's events (ledger entries, order steps) are sent to Kafka
     * at once, each with a database connection to mark it complete (see {@code OutboxExecutorConfiguration}).
     */
    public record Redemption(
            @DefaultValue("30s") Duration expiryInterval,
            @Min(1) @Max(10_000) @DefaultValue("500") int expiryBatch,

            @NotBlank @DefaultValue("firstcome.vendor-ledger")
            String ledgerTopic,

            @NotBlank @DefaultValue("firstcome-settlement") String settlementGroup,
            @DefaultValue("true") boolean settlementEnabled,
            @DefaultValue("30s") Duration resubmitAfter,
            @DefaultValue("OUTBOX") Settlement settlement,
            @Min(1) @Max(64) @DefaultValue("4") int outboxThreads) {

        /**
         * How a redemption's ledger entry reaches the vendor's ledger: {@code OUTBOX} (the default) writes it to
         * the event publication registry in the redemption's transaction and Kafka carries it to the settlement
         * consumer; {@code SYNC} books it into {@code vendor_ledger} in the redemption's transaction itself (one
         * database, no Kafka; the comparison in docs/benchmarks.md).
         */
        public enum Settlement {
            OUTBOX,
            SYNC
        }
    }

    /**
     * The checkout flow (issue 16): every step is an event on {@code topic} consumed by its own group
     * ({@code groupPrefix}-stock, -coupon, -payment, -shipment, -compensation). The simulated payment
     * gateway fails {@code paymentFailureRate} of the charges (0..1) and answers after {@code paymentLatency}.
     */
    public record Orders(
            @NotBlank @DefaultValue("firstcome.orders") String topic,
            @NotBlank @DefaultValue("firstcome-orders") String groupPrefix,

            @jakarta.validation.constraints.DecimalMin("0")
            @jakarta.validation.constraints.DecimalMax("1")
            @DefaultValue("0")
            double paymentFailureRate,

            @DefaultValue("0ms") Duration paymentLatency,
            @DefaultValue("true") boolean enabled) {}
}
