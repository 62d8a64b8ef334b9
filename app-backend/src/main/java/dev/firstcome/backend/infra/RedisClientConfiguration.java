package dev.firstcome.backend.infra;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.ReadFrom;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import java.time.Duration;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * While Redis is unreachable, commands fail at once instead of queueing until a timeout, so an apply
 * answers 503 quickly and nothing is admitted behind the customer's back. On a Redis Cluster
 * ({@code FIRSTCOME_REDIS_CLUSTER_NODES}) the client refreshes the topology every {@code
 * firstcome.redis.topology-refresh} and at once on every adaptive trigger (MOVED/ASK redirects,
 * reconnects, unknown nodes), and reads from masters only: a replica may be behind, and every decision
 * must see the latest admission.
 */
@Configuration(proxyBeanMethods = false)
class RedisClientConfiguration {

    @Bean
    LettuceClientConfigurationBuilderCustomizer firstcomeRedisClientOptions(FirstComeProperties properties) {
        var redis = properties.redis();
        boolean cluster = StringUtils.hasText(redis.clusterNodes());
        var timeouts = TimeoutOptions.enabled(Duration.ofSeconds(3));
        if (!cluster) {
            // no readFrom here: on a standalone or Sentinel Redis it would switch Spring to a master/replica
            // connection; the default already sends everything to the master
            return builder -> builder.clientOptions(ClientOptions.builder()
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .autoReconnect(true)
                    .timeoutOptions(timeouts)
                    .build());
        }
        var refresh = ClusterTopologyRefreshOptions.builder()
                .enablePeriodicRefresh(redis.topologyRefresh())
                .enableAllAdaptiveRefreshTriggers()
                .adaptiveRefreshTriggersTimeout(Duration.ofMillis(500))
                .dynamicRefreshSources(true)
                .closeStaleConnections(true)
                .build();
        return builder -> builder.readFrom(ReadFrom.UPSTREAM)
                .clientOptions(ClusterClientOptions.builder()
                        .topologyRefreshOptions(refresh)
                        .maxRedirects(5)
                        .validateClusterNodeMembership(false)
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                        .autoReconnect(true)
                        .timeoutOptions(timeouts)
                        .build());
    }
}
