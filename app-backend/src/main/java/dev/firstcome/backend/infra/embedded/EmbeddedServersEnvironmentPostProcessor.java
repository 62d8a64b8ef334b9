package dev.firstcome.backend.infra.embedded;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Decides, per component, between an external server (its address is configured) and an embedded
 * one (nothing configured), starts the embedded ones and points Spring's Redis, Kafka and DataSource
 * settings at whichever is in use. Runs after the configuration files are loaded.
 *
 * <p>External addresses: {@code firstcome.redis.url} ({@code FIRSTCOME_REDIS_URL}) or
 * {@code spring.data.redis.url/host}; {@code firstcome.kafka.bootstrap-servers}
 * ({@code FIRSTCOME_KAFKA_BOOTSTRAP_SERVERS}) or {@code spring.kafka.bootstrap-servers};
 * {@code firstcome.db.url/user/password} ({@code FIRSTCOME_DB_URL}, ...) or
 * {@code spring.datasource.url}.
 *
 * <p>Embedded servers: the data directory ({@code firstcome.data-dir}, {@code FIRSTCOME_DATA_DIR},
 * default {@code ~/.firstcome}) is locked for this process before the first one starts
 * ({@link DataDirLock}: a second FirstCome on it fails at once); Redis and PostgreSQL ask for the data
 * directory's {@link EmbeddedPassword}, which the published {@code spring.data.redis.url} and
 * {@code spring.datasource.password} carry (never the logged or shown addresses); if one fails to
 * start, those already started are stopped before the failure propagates.
 */
public class EmbeddedServersEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY_SOURCE = "firstcome-infrastructure";
    private final Log log;
    private static final Map<SpringApplication, Lease> pending = new WeakHashMap<>();

    public EmbeddedServersEnvironmentPostProcessor(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(EmbeddedServersEnvironmentPostProcessor.class);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 10;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (env.getPropertySources().contains(PROPERTY_SOURCE)) {
            return;
        }
        Path dataDir = dataDir(env);
        boolean embeddedAllowed = env.getProperty("firstcome.embedded.enabled", Boolean.class, true);
        boolean stopWithContext = !"jvm".equalsIgnoreCase(env.getProperty("firstcome.embedded.stop", "context"));
        var props = new LinkedHashMap<String, Object>();
        var modes = new HashMap<String, String>();
        var lease = new Lease(dataDir, stopWithContext);
        EmbeddedServers.StartListener announcer = announcer(application);
        EmbeddedServers.addStartListener(announcer);
        try {
            // Redis
            String redisUrl = env.getProperty("firstcome.redis.url");
            String clusterNodes = env.getProperty("firstcome.redis.cluster-nodes");
            String sentinelMaster = env.getProperty("firstcome.redis.sentinel-master");
            String redisPassword = env.getProperty("firstcome.redis.password");
            if (StringUtils.hasText(redisPassword)) {
                props.put("spring.data.redis.password", redisPassword);
            }
            if (StringUtils.hasText(clusterNodes)) {
                // Redis Cluster: Lettuce follows MOVED/ASK, refreshes the topology periodically and on
                // redirects/reconnects (adaptive), reads from masters (RedisClientConfiguration)
                props.put("spring.data.redis.cluster.nodes", clusterNodes.strip());
                props.put("spring.data.redis.cluster.max-redirects", "5");
                props.put("spring.data.redis.lettuce.cluster.refresh.adaptive", "true");
                props.put(
                        "spring.data.redis.lettuce.cluster.refresh.period",
                        env.getProperty("firstcome.redis.topology-refresh", "2s"));
                props.put("spring.data.redis.lettuce.cluster.refresh.dynamic-refresh-sources", "true");
                external("redis", clusterNodes.strip(), modes, props);
                props.put("firstcome.infrastructure.redis.mode", "cluster");
            } else if (StringUtils.hasText(sentinelMaster)) {
                String sentinelNodes = env.getProperty("firstcome.redis.sentinel-nodes", "");
                if (!StringUtils.hasText(sentinelNodes)) {
                    throw new IllegalStateException(
                            "FIRSTCOME_REDIS_SENTINEL_MASTER is set but FIRSTCOME_REDIS_SENTINEL_NODES is not");
                }
                props.put("spring.data.redis.sentinel.master", sentinelMaster.strip());
                props.put("spring.data.redis.sentinel.nodes", sentinelNodes.strip());
                // the data nodes take FIRSTCOME_REDIS_PASSWORD; sentinels often have no password of their own
                String sentinelPassword = env.getProperty("firstcome.redis.sentinel-password");
                if (StringUtils.hasText(sentinelPassword)) {
                    props.put("spring.data.redis.sentinel.password", sentinelPassword);
                }
                external("redis", sentinelMaster.strip() + "@" + sentinelNodes.strip(), modes, props);
                props.put("firstcome.infrastructure.redis.mode", "sentinel");
            } else if (StringUtils.hasText(redisUrl)) {
                props.put("spring.data.redis.url", redisUrl);
                external("redis", redisUrl, modes, props);
            } else if (StringUtils.hasText(env.getProperty("spring.data.redis.url"))
                    || StringUtils.hasText(env.getProperty("spring.data.redis.host"))) {
                String address = env.getProperty(
                        "spring.data.redis.url",
                        "redis://" + env.getProperty("spring.data.redis.host") + ":"
                                + env.getProperty("spring.data.redis.port", "6379"));
                external("redis", address, modes, props);
            } else {
                requireEmbedded(embeddedAllowed, "redis", "FIRSTCOME_REDIS_URL");
                boolean persistent = env.getProperty("firstcome.embedded.redis-persistent", Boolean.class, true);
                var server = EmbeddedServers.acquire("redis", dataDir, () -> EmbeddedRedis.start(dataDir, persistent));
                lease.components.add("redis");
                embedded(server, modes, props);
            }
            // Kafka
            String bootstrap = env.getProperty("firstcome.kafka.bootstrap-servers");
            if (StringUtils.hasText(bootstrap)) {
                props.put("spring.kafka.bootstrap-servers", bootstrap);
                external("kafka", bootstrap, modes, props);
            } else if (StringUtils.hasText(env.getProperty("spring.kafka.bootstrap-servers"))) {
                external("kafka", env.getProperty("spring.kafka.bootstrap-servers"), modes, props);
            } else {
                requireEmbedded(embeddedAllowed, "kafka", "FIRSTCOME_KAFKA_BOOTSTRAP_SERVERS");
                int partitions = env.getProperty("firstcome.kafka.partitions", Integer.class, 4);
                var server = EmbeddedServers.acquire("kafka", dataDir, () -> EmbeddedKafka.start(dataDir, partitions));
                lease.components.add("kafka");
                embedded(server, modes, props);
            }
            // Database
            String dbUrl = env.getProperty("firstcome.db.url");
            if (StringUtils.hasText(dbUrl)) {
                props.put("spring.datasource.url", dbUrl);
                props.put("spring.datasource.username", env.getProperty("firstcome.db.user", ""));
                props.put("spring.datasource.password", env.getProperty("firstcome.db.password", ""));
                external("database", dbUrl, modes, props);
            } else if (StringUtils.hasText(env.getProperty("spring.datasource.url"))) {
                external("database", env.getProperty("spring.datasource.url"), modes, props);
            } else {
                requireEmbedded(embeddedAllowed, "database", "FIRSTCOME_DB_URL");
                boolean fsync = env.getProperty("firstcome.embedded.postgres-fsync", Boolean.class, true);
                var server = EmbeddedServers.acquire(
                        "database", dataDir, () -> EmbeddedPostgresServer.start(dataDir, fsync));
                lease.components.add("database");
                embedded(server, modes, props);
            }
        } catch (RuntimeException | Error e) {
            // e.g. PostgreSQL failed after Redis and Kafka started: stop them before the failure propagates
            lease.releaseAfterFailure();
            throw e;
        } finally {
            EmbeddedServers.removeStartListener(announcer);
        }
        props.put("firstcome.infrastructure.data-dir", dataDir.toString());
        if (!lease.components.isEmpty()) {
            log.info("Embedded servers keep their state under " + dataDir);
        }
        env.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, props));
        synchronized (pending) {
            pending.put(application, lease);
        }
    }

    /**
     * Tells the application's listeners (e.g. the console's splash) each server starting and up, as a
     * {@code PayloadApplicationEvent<ComponentStartup>}: delivered only to listeners that accept it.
     */
    private EmbeddedServers.StartListener announcer(SpringApplication application) {
        var multicaster = new org.springframework.context.event.SimpleApplicationEventMulticaster();
        application.getListeners().forEach(multicaster::addApplicationListener);
        multicaster.setErrorHandler(e -> log.debug("a start listener failed", e));
        return new EmbeddedServers.StartListener() {
            @Override
            public void starting(String component) {
                multicaster.multicastEvent(new org.springframework.context.PayloadApplicationEvent<>(
                        application, new dev.firstcome.model.ComponentStartup(component, -1)));
            }

            @Override
            public void started(String component, java.time.Duration took) {
                multicaster.multicastEvent(new org.springframework.context.PayloadApplicationEvent<>(
                        application, new dev.firstcome.model.ComponentStartup(component, took.toMillis())));
            }
        };
    }

    /** The lease taken for this application (kept until released: a failed start must still release it). */
    static Lease leaseOf(SpringApplication application) {
        synchronized (pending) {
            return pending.get(application);
        }
    }

    static Path dataDir(ConfigurableEnvironment env) {
        String configured = env.getProperty("firstcome.data-dir");
        if (StringUtils.hasText(configured)) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        return Path.of(home(env), ".firstcome");
    }

    /**
     * The user's home: {@code HOME} from the environment when set (so that {@code HOME=/tmp/x ./console}
     * keeps its data there, as every Unix tool does), else the JVM's {@code user.home}.
     */
    public static String home(org.springframework.core.env.PropertyResolver env) {
        String home = env.getProperty("HOME");
        return StringUtils.hasText(home) ? home : System.getProperty("user.home");
    }

    private static void requireEmbedded(boolean allowed, String component, String variable) {
        if (!allowed) {
            throw new IllegalStateException("No " + component + " address is configured and embedded servers are "
                    + "disabled (firstcome.embedded.enabled=false): set " + variable);
        }
    }

    private void external(String component, String address, Map<String, String> modes, Map<String, Object> props) {
        modes.put(component, "external");
        props.put("firstcome.infrastructure." + component + ".mode", "external");
        props.put("firstcome.infrastructure." + component + ".address", redact(address));
        log.info(capitalize(component) + ": external server at " + redact(address));
    }

    private void embedded(EmbeddedServer server, Map<String, String> modes, Map<String, Object> props) {
        String component = server.component();
        modes.put(component, "embedded");
        props.putAll(server.springProperties());
        props.put("firstcome.infrastructure." + component + ".mode", "embedded");
        props.put("firstcome.infrastructure." + component + ".address", server.address());
        log.info(capitalize(component) + ": embedded server listening on " + server.address());
    }

    /** Hides a password in a URL such as redis://:secret@host:6379. */
    static String redact(String address) {
        return address == null ? "" : address.replaceAll("//([^:/@]*):[^@/]*@", "//$1:***@");
    }

    private static String capitalize(String s) {
        return s.equals("database") ? "Database" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The embedded components one application context uses. */
    static final class Lease {
        private final Path dataDir;
        private final boolean stopWithContext;
        private final java.util.List<String> components = new java.util.ArrayList<>();
        private boolean released;

        Lease(Path dataDir, boolean stopWithContext) {
            this.dataDir = dataDir;
            this.stopWithContext = stopWithContext;
        }

        /** The context closed: its servers stop unless other contexts use them or they live as long as the JVM. */
        void release() {
            release(stopWithContext);
        }

        /**
         * The application failed to start: the servers no other context uses stop now, whatever the stop
         * mode, so that a failed start leaves no child process and no broker thread behind.
         */
        void releaseAfterFailure() {
            release(true);
        }

        private synchronized void release(boolean stopWhenUnused) {
            if (released) {
                return;
            }
            released = true;
            var reversed = new java.util.ArrayList<>(components);
            java.util.Collections.reverse(reversed);
            for (String component : reversed) {
                EmbeddedServers.release(component, dataDir, stopWhenUnused);
            }
        }
    }
}
