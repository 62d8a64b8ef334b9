package dev.firstcome.backend.infra;

import dev.firstcome.model.ComponentStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.stereotype.Service;

@Service
class InfrastructureService implements InfrastructureApi {

    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);

    private final Environment env;
    private final RedisConnectionFactory redis;
    private final Admin kafkaAdmin;
    private final DataSource dataSource;
    private final AdminToken adminToken;
    private final RedisTopology redisTopology;
    private final KafkaTopology kafkaTopology;
    private final RedisReplicaAcks replicaAcks;
    private volatile String httpApiUrl = "";
    private volatile String applyApiUrl = "";

    InfrastructureService(
            Environment env,
            RedisConnectionFactory redis,
            Admin kafkaAdmin,
            DataSource dataSource,
            AdminToken adminToken,
            RedisTopology redisTopology,
            KafkaTopology kafkaTopology,
            RedisReplicaAcks replicaAcks) {
        this.replicaAcks = replicaAcks;
        this.redisTopology = redisTopology;
        this.kafkaTopology = kafkaTopology;
        this.env = env;
        this.redis = redis;
        this.kafkaAdmin = kafkaAdmin;
        this.dataSource = dataSource;
        this.adminToken = adminToken;
    }

    @EventListener
    void onWebServer(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() == null) {
            httpApiUrl = "http://127.0.0.1:" + event.getWebServer().getPort();
            org.slf4j.LoggerFactory.getLogger(InfrastructureService.class)
                    .info("HTTP API listening on {} (admin API under /api/admin, OpenAPI at /v3/api-docs)", httpApiUrl);
        }
    }

    @EventListener
    void onListening(ServerListening event) {
        if (!ServerListening.APPLY.equals(event.name())) {
            return;
        }
        applyApiUrl = "http://127.0.0.1:" + event.port();
    }

    @Override
    public List<ComponentStatus> components() {
        return List.of(redis(), kafka(), database());
    }

    ComponentStatus redis() {
        try (var connection = redis.getConnection()) {
            String pong = connection.ping();
            return status("redis", "PONG".equalsIgnoreCase(pong), redisTopologyDetail(pong));
        } catch (RuntimeException e) {
            return status("redis", false, e.getMessage());
        }
    }

    /**
     * PONG, then the masters and replicas up and the replica acknowledgement each admission batch waits for,
     * and the masters that have fewer replicas attached than that ("replica acks degraded: ...").
     */
    private String redisTopologyDetail(String pong) {
        String degraded = replicaAcks.degradedDescription();
        String acks = "replica acks " + redisTopology.replicaAcks()
                + (redisTopology.replicaAcks() > 0
                        ? " within " + redisTopology.replicaAckTimeout().toMillis() + " ms"
                        : "")
                + (degraded.isEmpty() ? "" : "; " + degraded);
        try {
            return pong + "; " + redisTopology.mode().name().toLowerCase(java.util.Locale.ROOT) + ": "
                    + redisTopology.nodes() + "; " + acks;
        } catch (RuntimeException e) {
            return pong + "; " + acks + "; topology unknown: " + e.getMessage();
        }
    }

    ComponentStatus kafka() {
        try {
            var nodes = kafkaAdmin.describeCluster().nodes().get(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            String detail;
            try {
                detail = kafkaTopology.state().toString();
            } catch (RuntimeException e) {
                detail = nodes.size() + " broker(s); topics unknown: " + e.getMessage();
            }
            return status("kafka", !nodes.isEmpty(), detail);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return status("kafka", false, "interrupted");
        } catch (Exception e) {
            return status("kafka", false, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    ComponentStatus database() {
        try (var connection = dataSource.getConnection()) {
            boolean valid = connection.isValid((int) CHECK_TIMEOUT.toSeconds());
            return status("database", valid, connection.getMetaData().getDatabaseProductName());
        } catch (Exception e) {
            return status("database", false, e.getMessage());
        }
    }

    private ComponentStatus status(String component, boolean up, String detail) {
        return new ComponentStatus(
                component,
                up,
                env.getProperty("firstcome.infrastructure." + component + ".mode", "external"),
                env.getProperty("firstcome.infrastructure." + component + ".address", ""),
                detail == null ? "" : detail);
    }

    @Override
    public String httpApiUrl() {
        return httpApiUrl;
    }

    @Override
    public String applyApiUrl() {
        return applyApiUrl.isEmpty() ? httpApiUrl : applyApiUrl;
    }

    @Override
    public String adminToken() {
        return adminToken.value();
    }

    @Override
    public String customerIdentity() {
        if (org.springframework.util.StringUtils.hasText(env.getProperty("firstcome.customer.jwt-secret"))) {
            return "HS256 shared secret";
        }
        String jwks = env.getProperty("firstcome.customer.jwks-url");
        return org.springframework.util.StringUtils.hasText(jwks) ? "JWKS " + jwks.strip() : "off";
    }

    @Override
    public String dataDir() {
        return env.getProperty("firstcome.infrastructure.data-dir", "");
    }
}
