package dev.firstcome.backend.issuance;

import dev.firstcome.backend.FirstComeApplication;
import dev.firstcome.backend.infra.FirstComeNames;
import dev.firstcome.backend.notification.NotificationSender;
import dev.firstcome.model.CouponAdmitted;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/**
 * Persist-path benchmark (not a test): starts the backend on its embedded servers, stops the
 * issuance consumer, pre-loads N CouponAdmitted records into the topic, starts the consumer and
 * measures how fast the rows arrive in PostgreSQL. Run through {@code bench/persist/run.sh}.
 *
 * <p>With {@code bench.notify=true} the notification consumer runs too (a sender that only counts) and the
 * window ends when every coupon is noticed: persist + notify. Either way the CPU spent in the window is
 * printed per coupon by {@code bench/cpu-snapshot.py}: this JVM's thread groups, the embedded PostgreSQL's
 * processes, and the whole machine.
 *
 * <p>{@code bench.warmup=N} first puts N coupons of another event through the same path, unmeasured, so the
 * measured round runs compiled code rather than the JIT's first minute.
 *
 * <p>{@code bench.statements=true} loads pg_stat_statements into the embedded PostgreSQL and prints the
 * measured window's statements: calls, rows, execution time and WAL bytes per coupon.
 *
 * <p>System properties: {@code bench.records} (default 500000); any {@code firstcome.*} setting,
 * e.g. {@code firstcome.issuance.batch-size}, {@code firstcome.issuance.concurrency}.
 */
public final class PersistBenchmark {

    private PersistBenchmark() {}

    public static void main(String[] args) throws Exception {
        int records = Integer.getInteger("bench.records", 500_000);
        boolean statements = Boolean.getBoolean("bench.statements");
        if (statements) {
            // the embedded PostgreSQL loads pg_stat_statements (EmbeddedPostgresServer)
            System.setProperty("firstcome.embedded.postgres.preload", "pg_stat_statements");
        }
        String namespace = "bench-" + System.currentTimeMillis();
        var app = new SpringApplication(FirstComeApplication.class);
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("firstcome.namespace", namespace);
        boolean notify = Boolean.getBoolean("bench.notify");
        defaults.put("firstcome.notifications.enabled", Boolean.toString(notify));
        defaults.put("server.port", "0");
        defaults.put("logging.level.root", "WARN");
        app.setDefaultProperties(defaults);
        var notices = new LongAdder();
        if (notify) {
            NotificationSender counting = coupon -> notices.increment();
            app.addInitializers(context -> context.getBeanFactory().registerSingleton("benchSender", counting));
        }
        try (ConfigurableApplicationContext context = app.run(args)) {
            var registry = context.getBean(KafkaListenerEndpointRegistry.class);
            var container = registry.getListenerContainer(CouponAdmittedListener.ID);
            container.stop();
            var names = context.getBean(FirstComeNames.class);
            var jdbc = context.getBean(JdbcTemplate.class);
            var settings = context.getBean(dev.firstcome.backend.infra.FirstComeProperties.class);
            var persisted = context.getBean(MeterRegistry.class).counter("firstcome.issuance.persisted");
            var kafka = context.getBean(KafkaProperties.class);
            int warmup = Integer.getInteger("bench.warmup", 0);
            if (warmup > 0) {
                // the same path once before the measured round, so the JIT has compiled it (not measured)
                long warmupEvent = System.currentTimeMillis() - 1;
                preload(kafka, names.admittedTopic(), warmupEvent, warmup);
                container.start();
                awaitCount(() -> (long) persisted.count(), warmup);
                awaitCount(() -> notify ? notices.sum() : warmup, warmup);
                container.stop();
                System.out.printf(
                        Locale.ROOT, "warm-up: %d coupons persisted%s%n", warmup, notify ? " and noticed" : "");
            }
            long eventId = System.currentTimeMillis();
            long noticedBefore = notices.sum();

            long loadStart = System.nanoTime();
            preload(kafka, names.admittedTopic(), eventId, records);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            System.out.printf(
                    Locale.ROOT, "loaded %d records into %s in %.1f s%n", records, names.admittedTopic(), loadSeconds);

            // progress from the persisted counter (no query competing with the inserts), checked in SQL at the end
            double before = persisted.count();
            Thread.sleep(5_000); // let the preload's traffic settle before CPU is counted
            if (statements) {
                jdbc.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                jdbc.execute("SELECT pg_stat_statements_reset()");
            }
            Path cpuBefore = cpuSnapshot("before");
            long start = System.nanoTime();
            container.start();
            long firstRowAt = 0;
            double rows = 0;
            while (rows < records) {
                Thread.sleep(10);
                rows = persisted.count() - before;
                if (rows > 0 && firstRowAt == 0) {
                    firstRowAt = System.nanoTime();
                }
            }
            long end = System.nanoTime();
            if (notify) {
                awaitCount(() -> notices.sum() - noticedBefore, records);
            }
            long noticedEnd = System.nanoTime();
            Path cpuAfter = cpuSnapshot("after");
            long counted = jdbc.queryForObject("SELECT COUNT(*) FROM coupon WHERE event_id = ?", Long.class, eventId);
            if (counted != records) {
                throw new IllegalStateException("expected " + records + " rows, found " + counted);
            }
            double total = (end - start) / 1e9;
            double steady = (end - firstRowAt) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "RESULT records=%d batchSize=%d concurrency=%d partitions=%d: %.2f s from consumer start"
                            + " (%.0f coupons/s), %.2f s from first row (%.0f coupons/s)%n",
                    records,
                    settings.issuance().batchSize(),
                    settings.issuance().concurrency(),
                    settings.kafka().partitions(),
                    total,
                    records / total,
                    steady,
                    records / steady);
            if (notify) {
                System.out.printf(
                        Locale.ROOT,
                        "RESULT notices=%d: every coupon noticed %.2f s from consumer start (%.0f coupons/s)%n",
                        notices.sum() - noticedBefore,
                        (noticedEnd - start) / 1e9,
                        records / ((noticedEnd - start) / 1e9));
            }
            python("report", cpuBefore.toString(), cpuAfter.toString(), Integer.toString(records));
            if (statements) {
                printStatements(jdbc, records);
            }
        }
    }

    /**
     * The measured window's statements by execution time (pg_stat_statements; execution only: planning,
     * commits and the WAL flush are not in it), per coupon.
     */
    private static void printStatements(JdbcTemplate jdbc, int records) {
        System.out.println("statements in the window (pg_stat_statements), by execution time:");
        System.out.println(
                "| calls | rows | exec ms | us/coupon | shared blocks hit/read/dirtied | WAL bytes/coupon | statement |");
        System.out.println("|---:|---:|---:|---:|---|---:|---|");
        jdbc.query("""
                SELECT calls, rows, total_exec_time, shared_blks_hit, shared_blks_read, shared_blks_dirtied, wal_bytes,
                       regexp_replace(query, '\\s+', ' ', 'g') AS q
                  FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 12""", rs -> {
            String q = rs.getString("q");
            System.out.printf(
                    Locale.ROOT,
                    "| %d | %d | %.0f | %.1f | %d/%d/%d | %.0f | %s |%n",
                    rs.getLong("calls"),
                    rs.getLong("rows"),
                    rs.getDouble("total_exec_time"),
                    rs.getDouble("total_exec_time") * 1000 / records,
                    rs.getLong("shared_blks_hit"),
                    rs.getLong("shared_blks_read"),
                    rs.getLong("shared_blks_dirtied"),
                    rs.getDouble("wal_bytes") / records,
                    q.length() > 110 ? q.substring(0, 110) + "..." : q);
        });
    }

    private static void awaitCount(java.util.function.LongSupplier count, long target) throws InterruptedException {
        while (count.getAsLong() < target) {
            Thread.sleep(10);
        }
    }

    /** {@code bench/cpu-snapshot.py snap}: this JVM's threads, its child processes (PostgreSQL, Redis), the machine. */
    private static Path cpuSnapshot(String name) throws IOException, InterruptedException {
        Path file = Files.createTempFile("persist-bench-cpu-" + name, ".json");
        python("snap", Long.toString(ProcessHandle.current().pid()), "0", file.toString());
        return file;
    }

    private static void python(String... args) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of("python3", "bench/cpu-snapshot.py"));
        command.addAll(List.of(args));
        int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("bench/cpu-snapshot.py " + args[0] + " failed (" + exit + ")");
        }
    }

    private static void preload(KafkaProperties kafka, String topic, long eventId, int records) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 60_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
        var factory = new DefaultKafkaProducerFactory<String, Object>(
                config, new StringSerializer(), new JacksonJsonSerializer<>().noTypeInfo());
        try {
            var template = new KafkaTemplate<>(factory);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
            // keys spread over the partitions like several events would (the consumer's concurrency needs it)
            for (int i = 1; i <= records; i++) {
                var admitted = new CouponAdmitted(eventId, "bench-user-" + i, i, i, day, now);
                template.send(topic, Integer.toString(i % 64), admitted);
            }
            template.flush();
        } finally {
            factory.destroy();
        }
    }
}
